import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LogSearchHit, LogSearchProgressData, LogSearchResult } from '../../../contract/channels/logs';
import { JobManager, type JobContext } from '../../../main/jobs';
import { runSearchJob, type SearchFiles } from '../../../main/logs/search-job';
import { LogService } from '../../../main/logs/service';

let dir: string;
let svc: LogService;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ec-search-job-'));
  // Small ranges and several workers, so a file is searched in parallel and points are recorded inside it.
  svc = new LogService({ search: { workers: 3, minRangeBytes: 64 * 1024 } });
});
afterEach(async () => {
  await svc.close();
  rmSync(dir, { recursive: true, force: true });
});

function writeLogs(): string[] {
  return [0, 1, 2].map((f) => {
    const lines: string[] = [];
    for (let i = 0; i < 40_000; i += 1)
      lines.push(`2026-12-02 10:${String(i % 60).padStart(2, '0')}:00 [INF] file ${f} line ${i} secretId=${i % 101}`);
    const path = join(dir, `app-${f}.log`);
    writeFileSync(path, `${f === 1 ? '\ufeff' : ''}${lines.join('\n')}\n`);
    return path;
  });
}

const query = (paths: string[], maxHits = 5000) => ({ paths, pattern: 'secretId=42$', regex: true, caseSensitive: false, maxHits });
const search: SearchFiles = (q, signal, onProgress) => svc.search(q, signal, onProgress);

async function run(jobs: JobManager, id: string, q: ReturnType<typeof query>, s: SearchFiles = search) {
  jobs.define('logs:search', {
    persist: true,
    resume: (input, ctx) => runSearchJob(input as typeof q, ctx as JobContext<LogSearchProgressData>, search),
  });
  return jobs.start('logs:search', q, (ctx: JobContext<LogSearchProgressData>) => runSearchJob(q, ctx, s), { id });
}

describe('a log search job', () => {
  it.each([5000, 300])('cut off mid-file, resumes from its last point to the same result and hits (maxHits %i)', async (maxHits) => {
    const paths = writeLogs();
    const q = query(paths, maxHits);
    const whole = new JobManager({ dataDir: join(dir, 'a'), emit: () => undefined });
    const expected = await (await run(whole, 'whole', q)).done;
    expect(expected.ok).toBe(true);
    const wholeHits = (whole.get('whole').progress?.data as LogSearchProgressData).hits;
    expect((expected as { result: LogSearchResult }).result.matches).toBe(3 * 396);

    // The first run stops for good in the middle of the second file (as a killed process does).
    let progressCalls = 0;
    const stopper = new AbortController();
    const dying: SearchFiles = (sq, signal, onProgress) => {
      const both = AbortSignal.any([signal, stopper.signal]);
      return svc
        .search(sq, both, (...args) => {
          onProgress(...args);
          if (sq.paths[0] === paths[1] && ++progressCalls === 3) stopper.abort();
        })
        .then(
          (r) => (stopper.signal.aborted ? new Promise<never>(() => undefined) : r),
          (err: unknown) => (stopper.signal.aborted ? new Promise<never>(() => undefined) : Promise.reject(err)),
        );
    };
    const first = new JobManager({ dataDir: join(dir, 'b'), emit: () => undefined });
    void (await run(first, 'cut', q, dying));
    await expect.poll(() => stopper.signal.aborted, { timeout: 20_000 }).toBe(true);

    const second = new JobManager({ dataDir: join(dir, 'b'), emit: () => undefined });
    second.define('logs:search', {
      persist: true,
      resume: (input, ctx) => runSearchJob(input as typeof q, ctx as JobContext<LogSearchProgressData>, search),
    });
    second.open();
    expect(second.get('cut').state).toBe('interrupted');
    const resumed = await second.resume('cut').done;
    expect(resumed).toEqual(expected);
    const hits = (second.get('cut').progress?.data as LogSearchProgressData).hits as LogSearchHit[];
    expect(hits.map((h) => `${h.path}:${h.line}`)).toEqual(wholeHits.map((h) => `${h.path}:${h.line}`));
    // Below the hit cap it goes on from a point inside the second file; past it, from that file's start.
    expect(second.get('cut').log.join('\n')).toMatch(
      maxHits > 1000 ? /Resumed after 1 of 3 file\(s\) and part of the next/ : /Resumed after 1 of 3 file\(s\): 300 hit/,
    );
  });
});
