import { execFileSync } from 'node:child_process';
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TimelineEntry, TimelinePage, TimelineSourceSpec } from '../../../contract/channels/logs-timeline';
import { LogService } from '../../../main/logs/service';
import { timelineLocate, timelineRead, timelineTail } from '../../../main/logs/timeline';
import { tempDir } from '../../unit/logs/temp';

const base = Date.UTC(2025, 0, 31, 8, 0, 0);
const stamp = (t: number) => new Date(t).toISOString().replace('T', ' ').replace('Z', ' +00:00');

interface Written {
  readonly source: string;
  readonly t: number;
  readonly id: string;
}

let t: ReturnType<typeof tempDir>;
let svc: LogService;
let specs: TimelineSourceSpec[];
let expected: Written[];

/** A small deterministic generator (the same interleaving every run). */
function rng(seed: number) {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

/** Three Credentials Cache log folders, each rolled daily, with interleaved (sometimes equal) timestamps. */
function writeSources(): void {
  const rand = rng(7);
  expected = [];
  specs = [];
  for (const name of ['cache-a', 'cache-b', 'engine']) {
    const folder = join(t.dir, name);
    mkdirSync(folder);
    // The file rolled before it: paging backward goes on into it, forward comes back out of it.
    const old: string[] = [];
    for (let j = 0; j < 15; j += 1) {
      const at = base - 86_400_000 + j * 1000 + specs.length * 300;
      old.push(`${stamp(at)} [INF] entry ${name}#old${j}`);
      expected.push({ source: name, t: at, id: `${name}#old${j}` });
    }
    writeFileSync(join(folder, 'credcache-20250130.log'), `${old.join('\n')}\n`);
    const lines: string[] = [];
    let at = base;
    for (let i = 0; i < 120; i += 1) {
      at += Math.floor(rand() * 3) * 500; // gaps of 0, 500 or 1000 ms: ties across and within sources
      const id = `${name}#${i}`;
      lines.push(`${stamp(at)} [${i % 17 === 0 ? 'ERR' : 'INF'}] entry ${id}`);
      if (i % 17 === 0) lines.push('System.Exception: boom', '   at Frame()');
      expected.push({ source: name, t: at, id });
    }
    writeFileSync(join(folder, 'credcache-20250131.log'), `${lines.join('\n')}\n`);
    specs.push({ id: name, input: folder });
  }
  const order = new Map(specs.map((s, i) => [s.id, i]));
  // Stable: equal times keep source order, then file order.
  expected = expected
    .map((e, i) => ({ e, i }))
    .sort((a, b) => a.e.t - b.e.t || order.get(a.e.source)! - order.get(b.e.source)! || a.i - b.i)
    .map((x) => x.e);
}

const ids = (entries: readonly TimelineEntry[]) => entries.map((e) => /entry ([\w#-]+)/.exec(e.text)![1]!);

beforeEach(() => {
  t = tempDir();
  svc = new LogService();
  writeSources();
});
afterEach(async () => {
  await svc.close();
  t.cleanup();
});

describe('merged timeline', () => {
  it('opens at the newest entries across sources, tagged with their source', async () => {
    const page = await timelineTail(svc, specs, 25);
    expect(ids(page.entries)).toEqual(expected.slice(-25).map((e) => e.id));
    for (const e of page.entries) {
      expect(e.text).toContain(`entry ${e.source}#`);
      expect(e.path).toBe(join(t.dir, e.source, 'credcache-20250131.log'));
    }
    expect(page.eof).toBe(false);
    expect(page.sources.map((s) => s.status)).toEqual(['ok', 'ok', 'ok']);
  });

  it('pages backward to the start and forward to the end without losing or repeating an entry', async () => {
    let page: TimelinePage = await timelineTail(svc, specs, 7);
    const back = [...page.entries];
    for (let n = 0; !page.bof && n < 200; n += 1) {
      page = await timelineRead(svc, specs, page.before, 'backward', 7);
      back.unshift(...page.entries);
    }
    expect(page.bof).toBe(true);
    expect(ids(back)).toEqual(expected.map((e) => e.id));
    for (const e of back)
      expect(e.path).toBe(join(t.dir, e.source, e.text.includes('#old') ? 'credcache-20250130.log' : 'credcache-20250131.log'));
    const errors = back.filter((e) => e.level === 'error');
    expect(errors.length).toBeGreaterThan(10);
    for (const e of errors) expect(e.text).toMatch(/boom\n {3}at Frame\(\)$/);

    let fwd: TimelinePage = await timelineRead(svc, specs, page.before, 'forward', 9);
    const forward = [...fwd.entries];
    for (let n = 0; !fwd.eof && n < 200; n += 1) {
      fwd = await timelineRead(svc, specs, fwd.after, 'forward', 9);
      forward.push(...fwd.entries);
    }
    expect(fwd.eof).toBe(true);
    expect(ids(forward)).toEqual(expected.map((e) => e.id));

    // New lines appended to one source come next, after the page's `after`.
    appendFileSync(join(t.dir, 'cache-b', 'credcache-20250131.log'), `${stamp(base + 3_600_000)} [WRN] entry cache-b#late\n`);
    const more = await timelineRead(svc, specs, fwd.after, 'forward', 9);
    expect(ids(more.entries)).toEqual(['cache-b#late']);
    expect(more.entries[0]!.source).toBe('cache-b');
  });

  it('keeps an entry without a timestamp with the entry before it in its own file', async () => {
    appendFileSync(join(t.dir, 'cache-a', 'credcache-20250131.log'), `${stamp(base + 3_600_000)} [INF] entry cache-a#stamped\n`);
    // A JSON source (Serilog compact): its second entry has no time and must follow the first.
    const json = join(t.dir, 'json');
    mkdirSync(json);
    const iso = (ms: number) => new Date(base + ms).toISOString();
    const rows = [
      { '@t': iso(3_500_000), '@m': 'entry json#before' },
      { '@m': 'entry json#nots' },
      { '@t': iso(3_700_000), '@m': 'entry json#after' },
    ];
    writeFileSync(
      join(json, 'app.json'),
      `${[...Array(6).fill({ '@t': iso(0), '@m': 'entry json#old' }), ...rows].map((r) => JSON.stringify(r)).join('\n')}\n`,
    );
    const page = await timelineTail(svc, [...specs, { id: 'json', input: join(json, 'app.json') }], 4);
    expect(ids(page.entries)).toEqual(['json#before', 'json#nots', 'cache-a#stamped', 'json#after']);
  });

  it('locates a time in every source', async () => {
    const target = expected[200]!.t;
    const { cursor, sources } = await timelineLocate(svc, specs, new Date(target).toISOString());
    expect(sources.every((s) => s.status === 'ok')).toBe(true);
    const page = await timelineRead(svc, specs, cursor, 'forward', 10);
    const first = expected.findIndex((e) => e.t >= target);
    expect(ids(page.entries)).toEqual(expected.slice(first, first + 10).map((e) => e.id));
    const before = await timelineRead(svc, specs, cursor, 'backward', 5);
    expect(ids(before.entries)).toEqual(expected.slice(first - 5, first).map((e) => e.id));
    await expect(timelineLocate(svc, specs, 'not a time')).rejects.toMatchObject({ code: 'VALIDATION' });
    // A time in the file rolled before: located there, and paging forward crosses into the newer file.
    const old = await timelineLocate(svc, specs, new Date(expected[40]!.t).toISOString());
    expect(Object.values(old.cursor.perSource).map((c) => c.path.endsWith('credcache-20250130.log'))).toEqual([true, true, true]);
    const cross = await timelineRead(svc, specs, old.cursor, 'forward', 10);
    const k = expected.findIndex((e) => e.t >= expected[40]!.t);
    expect(ids(cross.entries)).toEqual(expected.slice(k, k + 10).map((e) => e.id));
  });

  it('reports a missing or unreadable source per source and merges the others', async () => {
    const fifo = join(t.dir, 'pipe.log');
    execFileSync('mkfifo', [fifo]);
    const withBad = [...specs, { id: 'gone', input: join(t.dir, 'nope') }, { id: 'pipe', input: fifo }];
    const page = await timelineTail(svc, withBad, 10);
    expect(ids(page.entries)).toEqual(expected.slice(-10).map((e) => e.id));
    const byId = Object.fromEntries(page.sources.map((s) => [s.id, s]));
    expect(byId.gone).toMatchObject({ status: 'missing', path: null });
    expect(byId.gone!.message).toContain('nope');
    expect(byId.pipe).toMatchObject({ status: 'unreadable' });
    expect(Object.keys(page.before.perSource).sort()).toEqual(['cache-a', 'cache-b', 'engine']);
  });
});
