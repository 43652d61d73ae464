import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadJsonFile, writeJsonFileAtomic } from '../../../main/shared/json-file';

describe('JSON store files', () => {
  it('writes through a temp file that does not stay behind, owner-only, creating the folder', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'ec-json-')), 'nested');
    const file = join(dir, 'state.json');
    writeJsonFileAtomic(file, { a: 1 });
    writeJsonFileAtomic(file, { a: 2 });
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ a: 2 });
    expect(readdirSync(dir)).toEqual(['state.json']);
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('reads back, reports a missing file, and backs up one that does not validate', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ec-json-'));
    const file = join(dir, 'x.json');
    expect(loadJsonFile(file)).toEqual({ kind: 'missing' });
    writeFileSync(file, '{"v":1}');
    expect(loadJsonFile(file, (v) => ((v as { v?: number }).v === 1 ? null : 'bad'))).toEqual({ kind: 'ok', value: { v: 1 } });
    const outcome = loadJsonFile(file, () => 'version 1 expected');
    expect(outcome).toMatchObject({ kind: 'corrupt', reason: 'version 1 expected' });
    expect(readdirSync(dir).some((f) => f.startsWith('x.json.corrupt-'))).toBe(true);
  });
});
