import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunRow } from '../../../contract/channels/activity';
import { csvCell, writeExport } from '../../../main/activity/export';

const row = (i: number): RunRow => ({
  runId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
  status: 'Failed',
  terminal: true,
  pipeline: { id: 1, name: 'P, "quoted"' },
  policies: [{ id: 2, name: '=HYPERLINK("x")' }],
  trigger: 'Secret Password Change',
  triggerDetails: '',
  eventTime: '2025-01-31T14:02:11.000Z',
  secret: { id: 42, name: 'app-042' },
  queuedAt: null,
  startedAt: null,
  endedAt: null,
  durationMs: null,
  site: null,
  engine: null,
});

async function* batches(n: number, abort?: AbortController) {
  for (let i = 0; i < n; i++) {
    if (i === 1) abort?.abort();
    yield [row(i)];
  }
}

describe('export', () => {
  it('quotes CSV cells and neutralises spreadsheet formulas', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('-5')).toBe("'-5");
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell(null)).toBe('');
  });

  it('writes all batches and renames into place; a cancelled export leaves no file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ec-export-'));
    const counts: number[] = [];
    const r = await writeExport(join(dir, 'runs.json'), 'json', batches(3), (n) => counts.push(n));
    expect(r.rows).toBe(3);
    expect(counts).toEqual([1, 2, 3]);
    expect((JSON.parse(readFileSync(join(dir, 'runs.json'), 'utf8')) as RunRow[]).map((x) => x.runId)).toHaveLength(3);
    const abort = new AbortController();
    await expect(writeExport(join(dir, 'runs.csv'), 'csv', batches(3, abort), () => undefined, abort.signal)).rejects.toMatchObject({
      code: 'CANCELLED',
    });
    expect(readdirSync(dir)).toEqual(['runs.json']);
  });
});
