import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LogHistogram } from '../../../contract/channels/logs-timeline';
import { LogService } from '../../../main/logs/service';
import { tempDir } from '../../unit/logs/temp';

const base = Date.UTC(2025, 0, 31, 23, 50, 0);
const stamp = (t: number) => new Date(t).toISOString().replace('T', ' ').replace('Z', ' +00:00');
const LEVELS = ['VRB', 'DBG', 'INF', 'INF', 'WRN', 'ERR', 'FTL'];
const NAMES: Record<string, string> = { VRB: 'trace', DBG: 'debug', INF: 'info', WRN: 'warn', ERR: 'error', FTL: 'fatal' };

let t: ReturnType<typeof tempDir>;
let svc: LogService;
let path: string;

/** Lines with uneven gaps across minutes (and midnight), stack traces, and a line that merely looks stamped. */
function lines(from: number, n: number): string {
  const out: string[] = [];
  let at = base + from * 37;
  for (let i = from; i < from + n; i += 1) {
    at += (i * 7919) % 1000 === 0 ? 240_000 : (i % 5) * 9; // now and then a gap of four minutes
    out.push(`${stamp(at)} [${LEVELS[i % LEVELS.length]}] message ${i} ${'x'.repeat(i % 90)}`);
    if (i % 500 === 3) out.push('System.Exception: boom', `   at Frame() logged ${stamp(at)} [ERR]`);
  }
  return `${out.join('\n')}\n`;
}

/** The naive count: every header line of the whole file, by minute (or bucket) and level. */
function naive(file: string, bucketMinutes: number): LogHistogram['buckets'] {
  const map = new Map<number, Record<string, number>>();
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const m = /^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}) \+00:00 \[(\w{3})\]/.exec(line);
    if (!m) continue;
    const minute = Math.floor(Date.parse(`${m[1]!.replace(' ', 'T')}Z`) / 60_000);
    const b = Math.floor(minute / bucketMinutes) * bucketMinutes;
    const counts = map.get(b) ?? {};
    counts[NAMES[m[2]!]!] = (counts[NAMES[m[2]!]!] ?? 0) + 1;
    map.set(b, counts);
  }
  return [...map.keys()].sort((a, b) => a - b).map((b) => ({ start: new Date(b * 60_000).toISOString(), counts: map.get(b)! }));
}

beforeEach(() => {
  t = tempDir();
  svc = new LogService();
  path = join(t.dir, 'cache.log');
  // Over 4 MB, so the index reads several chunks.
  writeFileSync(path, lines(0, 60_000));
});
afterEach(async () => {
  await svc.close();
  t.cleanup();
});

describe('time histogram from the line index', () => {
  it('counts entries per minute by level exactly as a naive count of the file', async () => {
    const h = await svc.histogram([path], 1);
    expect(h.buckets.length).toBeGreaterThan(20);
    expect(h.buckets).toEqual(naive(path, 1));
    expect(h.entries).toBe(60_000);
    expect(await svc.histogram([path], 5)).toMatchObject({ bucketMinutes: 5, buckets: naive(path, 5) });
  });

  it('extends with appended lines without counting the old ones twice', async () => {
    await svc.histogram([path], 1);
    appendFileSync(path, lines(60_000, 3_000));
    const h = await svc.histogram([path], 1);
    expect(h.entries).toBe(63_000);
    expect(h.buckets).toEqual(naive(path, 1));
  });

  it('counts log4net and NLog headers (and their levels) the same way the pages parse them', async () => {
    const at = (i: number) => new Date(base + i * 13_000).toISOString().slice(0, 23).replace('T', ' ');
    const l4n = join(t.dir, 'SSDE.log');
    const nlog = join(t.dir, 'nlog.log');
    const l4nLines: string[] = [];
    const nlogLines: string[] = [];
    for (let i = 0; i < 400; i += 1) {
      const lv = ['INFO', 'WARN', 'ERROR', 'DEBUG', 'FATAL'][i % 5]!;
      l4nLines.push(`${at(i).replace('.', ',')} [ctx] [${i % 9}] ${lv} Engine.Worker - step ${i}`);
      nlogLines.push(`${at(i)}|${lv}|Cache.Client|step ${i}`);
      if (i % 50 === 0) l4nLines.push('   at Frame()', `${at(i)} not a header`);
    }
    writeFileSync(l4n, `${l4nLines.join('\r\n')}\r\n`);
    writeFileSync(nlog, `${nlogLines.join('\n')}\n`);
    const pages = async (file: string) => {
      const counts = new Map<string, Record<string, number>>();
      let n = 0;
      for (const e of (await svc.read(file, 0, 'forward', 5000)).entries) {
        if (!e.ts) continue;
        const start = new Date(Math.floor(Date.parse(e.ts) / 60_000) * 60_000).toISOString();
        const c = counts.get(start) ?? {};
        c[e.level ?? 'other'] = (c[e.level ?? 'other'] ?? 0) + 1;
        counts.set(start, c);
        n += 1;
      }
      return { buckets: [...counts.keys()].sort().map((start) => ({ start, counts: counts.get(start) })), entries: n };
    };
    for (const file of [l4n, nlog]) {
      const want = await pages(file);
      expect(want.entries).toBe(400);
      expect(await svc.histogram([file], 1)).toMatchObject(want);
    }
  });

  it('sums several files into one histogram', async () => {
    const other = join(t.dir, 'engine.log');
    writeFileSync(other, lines(10, 2_000));
    const h = await svc.histogram([path, other], 10);
    const a = naive(path, 10);
    const b = naive(other, 10);
    const sum = new Map<string, Record<string, number>>();
    for (const x of [...a, ...b]) {
      const c = sum.get(x.start) ?? {};
      for (const [k, v] of Object.entries(x.counts)) c[k] = (c[k] ?? 0) + v;
      sum.set(x.start, c);
    }
    expect(h.buckets).toEqual([...sum.keys()].sort().map((start) => ({ start, counts: sum.get(start) })));
    expect(h.entries).toBe(62_000);
  });
});
