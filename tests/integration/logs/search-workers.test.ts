import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { LogSearchCheckpoint, LogSearchHit } from '../../../contract/channels/logs';
import { JOB_CHANNELS } from '../../../main/app/handlers';
import type { Services } from '../../../main/app/services';
import { JobManager } from '../../../main/jobs';
import { EventBus, Router, type Handlers } from '../../../main/ipc/router';
import { logsHandlers } from '../../../main/logs/handlers';
import type { SearchQuery } from '../../../main/logs/search';
import { runningSearchWorkers } from '../../../main/logs/search-pool';
import { scanRange } from '../../../main/logs/search-scan';
import { LogService } from '../../../main/logs/service';
import { tempDir, waitFor } from '../../unit/logs/temp';

// `(\w+\s?)+$` over one line of 16 words ending in `failed!` backtracks for minutes (issue 8).
const SLOW = String.raw`(\w+\s?)+$`;
const SLOW_LINE = 'Refresh of secret 4242 on instance branch cache for user admin at site main has failed!';

/** A router serving the Logs channels of `svc` (job channels run as jobs, as in the app). */
function logsRouter(svc: LogService, bus: EventBus): Router {
  const handlers = logsHandlers({ context: { events: bus }, logs: svc } as unknown as Services) as unknown as Handlers;
  return new Router(handlers, bus, new JobManager({ emit: (e) => bus.emit('job:event', e) }), JOB_CHANNELS);
}

let t: ReturnType<typeof tempDir>;
let slowFile: string;
let big: string;
let bigText: string;
const services: LogService[] = [];
const service = (opts: ConstructorParameters<typeof LogService>[0] = {}) => {
  const s = new LogService(opts);
  services.push(s);
  return s;
};

beforeAll(() => {
  t = tempDir();
  slowFile = join(t.dir, 'slow.log');
  writeFileSync(slowFile, `2025-01-31 14:02:11.123 +00:00 [INF] started\n2025-01-31 14:02:12.000 +00:00 [ERR] ${SLOW_LINE}\n`);
  big = join(t.dir, 'big.log');
  const parts: string[] = [];
  for (let i = 0; i < 60_000; i += 1) {
    parts.push(
      `2025-01-31 14:${String(Math.floor(i / 1000) % 60).padStart(2, '0')}:11.123 +00:00 [${i % 97 === 0 ? 'ERR' : 'INF'}] ünï ${i} SecretId=${i % 101}\n`,
    );
    if (i % 500 === 7) parts.push('System.Exception: boom\r\n   at Cache.Refresh()\n');
  }
  bigText = parts.join('');
  writeFileSync(big, bigText);
});
afterEach(async () => {
  await Promise.all(services.splice(0).map((s) => s.close()));
});
afterAll(() => t.cleanup());

async function collect(svc: LogService, q: SearchQuery) {
  const hits: LogSearchHit[] = [];
  const checkpoints: LogSearchCheckpoint[] = [];
  const marks: Array<{ checkpoint: LogSearchCheckpoint; streamed: number }> = [];
  const result = await svc.search(q, undefined, (_d, _t, h, c) => {
    hits.push(...h);
    checkpoints.push(c);
    marks.push({ checkpoint: c, streamed: hits.length });
  });
  return { result, hits, checkpoints, marks };
}

describe('search on worker threads', () => {
  it('answers other requests while a catastrophic pattern runs, and cancel stops it and its workers', async () => {
    const svc = service();
    const bus = new EventBus();
    const router = logsRouter(svc, bus);
    let settled = false;
    const search = router
      .dispatch('logs:search', { paths: [slowFile], pattern: SLOW, regex: true }, { requestId: 'slow-1' })
      .finally(() => (settled = true));
    // A timer firing at all proves the main thread is free (on one thread it would wait for the regex).
    await new Promise((r) => setTimeout(r, 200));
    await waitFor(() => (runningSearchWorkers() > 0 ? true : undefined), 10_000, 'a search worker');
    const tail = await router.dispatch('logs:tail', { path: slowFile });
    expect(tail).toMatchObject({ ok: true, result: { entries: [{ text: expect.stringContaining('started') }, {}] } });
    expect(settled).toBe(false);
    expect(router.jobs.cancel('slow-1')).toBe(true);
    expect(await search).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    await waitFor(() => (runningSearchWorkers() === 0 ? true : undefined), 10_000, 'the workers to be terminated');
  });

  it('stops a pattern that overruns the time budget with a message naming the pattern field', async () => {
    const svc = service({ search: { chunkBudgetMs: 300 } });
    const err = await svc
      .search({ paths: [slowFile], pattern: SLOW, regex: true, caseSensitive: false, maxHits: 10 })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'VALIDATION', details: { field: 'pattern', file: slowFile } });
    expect((err as Error).message).toMatch(/^This pattern is too slow.*catastrophic backtracking.*Simplify it/);
    await waitFor(() => (runningSearchWorkers() === 0 ? true : undefined), 10_000, 'the workers to be terminated');
    // The same service searches on afterwards.
    const ok = await collect(svc, { paths: [slowFile], pattern: 'failed!', regex: false, caseSensitive: true, maxHits: 10 });
    expect(ok.hits.map((h) => h.line)).toEqual([2]);
  });

  it('gives the same hits, counts and line numbers split over many workers as in one pass', async () => {
    const one = service({ search: { workers: 1 } });
    const many = service({ search: { workers: 4, minRangeBytes: 256 * 1024 } });
    const queries: SearchQuery[] = [
      { paths: [big], pattern: 'secretid=42', regex: false, caseSensitive: false, maxHits: 100_000 },
      { paths: [big], pattern: String.raw`ünï \d*7 Secret`, regex: true, caseSensitive: true, maxHits: 300 },
      { paths: [big], pattern: 'at Cache', regex: false, caseSensitive: true, maxHits: 100_000 },
      {
        paths: [big, slowFile, big],
        pattern: 'SecretId=1\\b|failed',
        regex: true,
        caseSensitive: true,
        levels: ['error'],
        maxHits: 100_000,
      },
    ];
    for (const q of queries) {
      const a = await collect(one, q);
      const b = await collect(many, q);
      expect(b.result).toEqual(a.result);
      expect(b.hits).toEqual(a.hits);
      expect(a.hits.length).toBeGreaterThan(0);
    }
    // Against an independent reading of the file: every line holding the text, its number and offset.
    const lines = bigText.split('\n');
    let offset = 0;
    const expected: Array<{ line: number; offset: number }> = [];
    lines.forEach((l, i) => {
      if (/secretid=42/i.test(l)) expected.push({ line: i + 1, offset });
      offset += Buffer.byteLength(l) + 1;
    });
    const b = await collect(many, queries[0]!);
    expect(b.hits.map((h) => ({ line: h.line, offset: h.offset }))).toEqual(expected);
    // The single-threaded scanner over the whole file agrees too.
    const reference: LogSearchHit[] = [];
    await scanRange({ ...queries[0]!, path: big, start: 0, end: Buffer.byteLength(bigText), format: 'serilog' }, (r) =>
      reference.push(...r.hits),
    );
    expect(b.hits).toEqual(reference);
    expect(b.checkpoints[b.checkpoints.length - 1]).toEqual({ pathIndex: 0, offset: Buffer.byteLength(bigText), line: lines.length });
  });

  it('reports checkpoints that split the hits, and resumes from one with or without its line number', async () => {
    const many = service({ search: { workers: 3, minRangeBytes: 256 * 1024 } });
    const q: SearchQuery = { paths: [slowFile, big], pattern: 'SecretId=7\\b', regex: true, caseSensitive: true, maxHits: 100_000 };
    const full = await collect(many, q);
    expect(full.hits.length).toBeGreaterThan(100);
    // Every hit streamed before a checkpoint lies before it, every later one at or after it.
    const before = (h: LogSearchHit, c: LogSearchCheckpoint) =>
      q.paths.indexOf(h.path) < c.pathIndex || (q.paths.indexOf(h.path) === c.pathIndex && h.offset < c.offset);
    for (const { checkpoint, streamed } of full.marks) {
      expect(full.hits.slice(0, streamed).every((h) => before(h, checkpoint))).toBe(true);
      expect(full.hits.slice(streamed).some((h) => before(h, checkpoint))).toBe(false);
    }
    // Any line start is a resume point: here, a hit half-way through the big file.
    const mid = full.hits[Math.floor(full.hits.length / 2)]!;
    const after = full.hits.filter((h) => h.path === big && h.offset >= mid.offset);
    for (const start of [
      { pathIndex: 1, offset: mid.offset, line: mid.line },
      { pathIndex: 1, offset: mid.offset },
    ]) {
      const resumed = await collect(many, { ...q, start });
      expect(resumed.hits).toEqual(after);
      expect(resumed.result.matches).toBe(after.length);
    }
  });

  it('refuses a resume point outside the paths, naming the field', async () => {
    const bus = new EventBus();
    const router = logsRouter(service(), bus);
    const r = await router.dispatch('logs:search', { paths: [big], pattern: 'x', start: { pathIndex: 1, offset: 0 } });
    expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { field: 'start.pathIndex' } } });
  });
});
