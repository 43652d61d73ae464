import { utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { classify, listSets, looksLikeLog } from '../../../main/logs/rolling';
import { tempDir } from './temp';

let t: ReturnType<typeof tempDir>;
beforeEach(() => (t = tempDir()));
afterEach(() => t.cleanup());

describe('rolling sets', () => {
  it('puts size-rolled log4net files oldest first and the base file last', async () => {
    for (const n of ['SSDE.log', 'SSDE.log.1', 'SSDE.log.10', 'SSDE.log.2']) writeFileSync(join(t.dir, n), 'x\n');
    const [set] = await listSets(t.dir);
    expect(set!.kind).toBe('size');
    expect(set!.files.map((f) => f.name)).toEqual(['SSDE.log.10', 'SSDE.log.2', 'SSDE.log.1', 'SSDE.log']);
  });

  it('orders daily files by date and size suffix, and lists the most recently written set first', async () => {
    for (const n of [
      'credcache-20250201.log',
      'credcache-20250131.log',
      'credcache-20250131_001.log',
      'other.txt',
      'appsettings.json',
      'web.config',
    ]) {
      writeFileSync(join(t.dir, n), 'x\n');
    }
    utimesSync(join(t.dir, 'other.txt'), new Date(2000, 1, 1), new Date(2000, 1, 1));
    const sets = await listSets(t.dir);
    expect(sets.map((s) => s.kind)).toEqual(['daily', 'single']);
    expect(sets[0]!.files.map((f) => f.name)).toEqual(['credcache-20250131.log', 'credcache-20250131_001.log', 'credcache-20250201.log']);
    expect(sets[1]!.files.map((f) => f.name)).toEqual(['other.txt']);
  });

  it('classifies names', () => {
    expect(classify('SSDE.log.3')).toEqual({ key: 'size:SSDE.log', kind: 'size', rank: [-3] });
    expect(classify('log20250131.txt').key).toBe('daily:log*.txt');
    expect(looksLikeLog('appsettings.Production.json')).toBe(false);
    expect(looksLikeLog('events.clef')).toBe(true);
  });
});
