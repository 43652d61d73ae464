import { appendFileSync, copyFileSync, existsSync, renameSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LogLinesEvent } from '../../../contract/channels/logs';
import { LogService } from '../../../main/logs/service';
import { tempDir, waitFor } from '../../unit/logs/temp';

// Every line written after a follow starts must reach the follower exactly once, in order,
// whatever the writer does to the file: append, roll (rename + recreate), truncate in place or
// copy-truncate (logrotate `copytruncate`). The only lines allowed to be missing are lines a
// plain truncation destroyed before anyone could have read them.

let t: ReturnType<typeof tempDir>;
let svc: LogService;
beforeEach(() => {
  t = tempDir();
  svc = new LogService();
});
afterEach(async () => {
  await svc.close();
  t.cleanup();
});

const line = (n: number) => `2025-01-31 14:02:11.123 +00:00 [INF] line ${n} secretId=${n % 13}\n`;

/** Small seeded generator (mulberry32), so a failing sequence can be replayed from its seed. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = a;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

/** A follower on `path` and what it has delivered. */
function startFollow(path: string, offset: number, fileId: string) {
  const events: LogLinesEvent[] = [];
  svc.follow(path, offset, fileId, (e) => events.push(e), 5);
  const seen = () => events.flatMap((e) => e.entries.map((x) => Number(/line (\d+) /.exec(x.text)?.[1])));
  return { events, seen };
}

/** The batches a follower sent, one line each, for a failure message. */
function describeEvents(events: readonly LogLinesEvent[]): string {
  return events
    .map((e) => `${e.path.slice(-16)} ${e.reset ?? ''} → ${e.next}: ${e.entries.map((x) => /line (\d+) /.exec(x.text)?.[1]).join(',')}`)
    .join('\n');
}

/** Renames FILE.n → FILE.n+1 … FILE → FILE.1 (log4net's size roll, or the copy slot of logrotate). */
function shift(path: string): void {
  let n = 1;
  while (existsSync(`${path}.${n}`)) n += 1;
  for (; n > 1; n -= 1) renameSync(`${path}.${n - 1}`, `${path}.${n}`);
}

describe('a follow sees every line exactly once', () => {
  it('after the file is emptied in place (`: > FILE`) and written again: no repeated notice, no repeated line', async () => {
    const path = join(t.dir, 'SSDE.log');
    writeFileSync(path, Array.from({ length: 100 }, (_, i) => line(i)).join(''));
    const page = await svc.tail(path, 1000);
    const f = startFollow(path, page.end, page.fileId);
    appendFileSync(path, line(100));
    await waitFor(() => (f.seen().includes(100) ? true : undefined), 10_000, 'line 100');
    truncateSync(path, 0);
    // Each line waited for: a follower stuck re-reading the file repeats the earlier ones meanwhile.
    for (const n of [101, 102, 103]) {
      appendFileSync(path, line(n));
      await waitFor(() => (f.seen().includes(n) ? true : undefined), 10_000, `line ${n}`);
    }
    expect(f.seen()).toEqual([100, 101, 102, 103]);
    expect(f.events.filter((e) => e.reset === 'truncated')).toHaveLength(1);
  });

  it('after a roll and then a truncation of the new current file', async () => {
    const path = join(t.dir, 'SSDE.log');
    writeFileSync(path, Array.from({ length: 100 }, (_, i) => line(i)).join(''));
    const page = await svc.tail(path, 1000);
    const f = startFollow(path, page.end, page.fileId);
    shift(path);
    renameSync(path, `${path}.1`);
    writeFileSync(path, Array.from({ length: 50 }, (_, i) => line(100 + i)).join(''));
    await waitFor(() => (f.seen().includes(149) ? true : undefined), 10_000, 'line 149');
    truncateSync(path, 0);
    for (const n of [150, 151, 152]) {
      appendFileSync(path, line(n));
      await waitFor(() => (f.seen().includes(n) ? true : undefined), 10_000, `line ${n}`);
    }
    expect(f.seen()).toEqual(Array.from({ length: 53 }, (_, i) => 100 + i));
    expect(f.events.filter((e) => e.reset === 'truncated')).toHaveLength(1);
  });

  for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
    it(`through a random sequence of appends, rolls, truncations and copy-truncations (seed ${seed})`, async () => {
      const rand = rng(seed);
      const path = join(t.dir, 'credcache.log');
      let next = 0;
      writeFileSync(path, Array.from({ length: 20 }, () => line(next++)).join(''));
      const page = await svc.tail(path, 1000);
      const firstFollowed = next;
      const f = startFollow(path, page.end, page.fileId);
      /** Lines in the current file the follower has not delivered yet (what a truncation may destroy). */
      let inFile: number[] = [];
      const mayBeLost = new Set<number>();
      const log: string[] = [];
      for (let step = 0; step < 40; step += 1) {
        const r = rand();
        if (r < 0.45) {
          const k = 1 + Math.floor(rand() * 6);
          appendFileSync(path, Array.from({ length: k }, () => line(next++)).join(''));
          inFile.push(...Array.from({ length: k }, (_, i) => next - k + i));
          log.push(`append ${k}`);
        } else if (r < 0.65) {
          shift(path);
          renameSync(path, `${path}.1`);
          writeFileSync(path, '');
          inFile = [];
          log.push('roll');
        } else if (r < 0.8) {
          const seen = new Set(f.seen());
          for (const n of inFile) if (!seen.has(n)) mayBeLost.add(n);
          truncateSync(path, 0);
          inFile = [];
          log.push('truncate');
        } else {
          // The copy keeps what the follower has not read yet, and the follower finds it by the
          // bytes it remembers. When it has read nothing of this file yet it remembers nothing:
          // an empty file that grew and was copy-truncated between two polls looks like one that
          // only grew (tail -F and every poller share this limit).
          const seen = new Set(f.seen());
          if (!inFile.some((n) => seen.has(n))) for (const n of inFile) mayBeLost.add(n);
          shift(path);
          copyFileSync(path, `${path}.1`);
          truncateSync(path, 0);
          inFile = [];
          log.push('copytruncate');
        }
        // Sometimes let the follower catch up, sometimes act again at once (between two polls).
        const pause = rand();
        if (pause < 0.3) await new Promise((res) => setTimeout(res, Math.floor(rand() * 40)));
        else if (pause < 0.5) {
          const expected = Array.from({ length: next - firstFollowed }, (_, i) => firstFollowed + i).filter((n) => !mayBeLost.has(n));
          await waitFor(
            () => (expected.every((n) => f.seen().includes(n)) ? true : undefined),
            10_000,
            `catch-up after ${log.join(', ')}`,
          ).catch((e: Error) => {
            throw new Error(`${e.message}\n${describeEvents(f.events)}`);
          });
        }
      }
      appendFileSync(path, line(next++));
      const expected = Array.from({ length: next - firstFollowed }, (_, i) => firstFollowed + i);
      const required = expected.filter((n) => !mayBeLost.has(n));
      await waitFor(
        () => (required.every((n) => f.seen().includes(n)) ? true : undefined),
        15_000,
        `all lines after ${log.join(', ')}`,
      ).catch((err: Error) => {
        throw new Error(
          `${err.message}\nseen: ${f.seen().join(',')}\nmissing: ${required.filter((n) => !f.seen().includes(n)).join(',')}\n${describeEvents(f.events)}`,
        );
      });
      const seen = f.seen();
      // In order and never twice (a strictly increasing sequence), nothing outside what was written.
      expect(
        seen.every((n, i) => i === 0 || n > seen[i - 1]!),
        `order/repeats after ${log.join(', ')}: ${seen.join(',')}\n${describeEvents(f.events)}`,
      ).toBe(true);
      expect(seen.every((n) => n >= firstFollowed && n < next)).toBe(true);
    });
  }
});
