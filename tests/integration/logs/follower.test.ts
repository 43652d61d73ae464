import { appendFileSync, renameSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LogLinesEvent } from '../../../contract/channels/logs';
import { LogService } from '../../../main/logs/service';
import { tempDir, waitFor } from '../../unit/logs/temp';

let t: ReturnType<typeof tempDir>;
let svc: LogService;
let events: LogLinesEvent[];
beforeEach(() => {
  t = tempDir();
  svc = new LogService();
  events = [];
});
afterEach(async () => {
  await svc.close();
  t.cleanup();
});

const line = (n: number) => `2025-01-31 14:02:11.123 +00:00 [INF] line ${n} secretId=${n}\n`;
const lines = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => line(from + i)).join('');
const seen = () => events.flatMap((e) => e.entries.map((x) => Number(/line (\d+)/.exec(x.text)?.[1])));
const follow = async (path: string) => {
  const page = await svc.tail(path, 1000);
  svc.follow(path, page.end, page.fileId, (e) => events.push(e), 20);
  return page;
};
const until = (n: number) => waitFor(() => (seen().length >= n ? true : undefined), 10_000, `${n} lines`);

describe('following a log', () => {
  it('sends appended lines once each, and waits for an unfinished line', async () => {
    const path = join(t.dir, 'a.log');
    writeFileSync(path, lines(0, 5));
    const page = await follow(path);
    expect(page.entries).toHaveLength(5);
    appendFileSync(path, lines(5, 8) + '2025-01-31 14:02:11.123 +00:00 [INF] line 8 sec');
    await until(3);
    appendFileSync(path, 'retId=8\n' + lines(9, 10));
    await until(5);
    expect(seen()).toEqual([5, 6, 7, 8, 9]);
    expect(events.flatMap((e) => e.entries).find((e) => e.text.includes('line 8'))!.text).toContain('secretId=8');
  });

  it('follows a rename rotation without losing or repeating lines, including lines written just before the rename', async () => {
    const path = join(t.dir, 'SSDE.log');
    writeFileSync(path, lines(0, 10));
    await follow(path);
    appendFileSync(path, lines(10, 20));
    await until(10);
    // Written and rolled between two polls: 20..29 are only in the renamed file.
    appendFileSync(path, lines(20, 30));
    renameSync(path, `${path}.1`);
    writeFileSync(path, lines(30, 35));
    await until(25);
    appendFileSync(path, lines(35, 40));
    await until(30);
    expect(seen()).toEqual(Array.from({ length: 30 }, (_, i) => 10 + i));
    expect(events.some((e) => e.reset === 'rotated')).toBe(true);
  });

  it('starts over after a truncation (shorter, and rewritten longer in place)', async () => {
    const path = join(t.dir, 'trunc.log');
    writeFileSync(path, lines(0, 10));
    await follow(path);
    appendFileSync(path, lines(10, 12));
    await until(2);
    truncateSync(path, 0);
    appendFileSync(path, lines(100, 103));
    await waitFor(() => (events.some((e) => e.reset === 'truncated') && seen().length >= 5 ? true : undefined));
    expect(seen()).toEqual([10, 11, 100, 101, 102]);
    const before = events.length;
    // Rewritten with more bytes than were read: only the changed first bytes reveal it.
    writeFileSync(path, lines(200, 220));
    await waitFor(() => (seen().length >= 25 ? true : undefined));
    expect(seen().slice(5)).toEqual(Array.from({ length: 20 }, (_, i) => 200 + i));
    expect(events.slice(before).some((e) => e.reset === 'truncated')).toBe(true);
  });

  it('moves on to the next daily file after reading the previous one to its end', async () => {
    const day1 = join(t.dir, 'credcache-20250131.log');
    writeFileSync(day1, lines(0, 3));
    await follow(day1);
    appendFileSync(day1, lines(3, 6));
    writeFileSync(join(t.dir, 'credcache-20250201.log'), lines(6, 9));
    await until(6);
    expect(seen()).toEqual([3, 4, 5, 6, 7, 8]);
    const switched = events.find((e) => e.reset === 'switched');
    expect(switched?.path).toBe(join(t.dir, 'credcache-20250201.log'));
  });

  it('follows a UTF-16 LE file with CRLF', async () => {
    const path = join(t.dir, 'u16.log');
    const enc = (s: string) => Buffer.from(s.replace(/\n/g, '\r\n'), 'utf16le');
    writeFileSync(path, Buffer.concat([Buffer.from([0xff, 0xfe]), enc(lines(0, 2))]));
    await follow(path);
    appendFileSync(path, enc(lines(2, 4)));
    await until(2);
    expect(seen()).toEqual([2, 3]);
    expect(events[0]!.entries[0]!.text).not.toContain('\r');
    expect(events[0]!.entries[0]!.level).toBe('info');
  });

  it('joins a stack trace to its entry when it arrives in the next batch', async () => {
    const path = join(t.dir, 'st.log');
    writeFileSync(path, lines(0, 2));
    await follow(path);
    appendFileSync(path, '2025-01-31 14:02:11.123 +00:00 [ERR] line 2 failed\n');
    await until(1);
    appendFileSync(path, 'System.Exception: boom\n   at X()\n' + lines(3, 4));
    await waitFor(() => (events.flatMap((e) => e.entries).length >= 3 ? true : undefined));
    const all = events.flatMap((e) => e.entries);
    expect(all[1]).toMatchObject({ continuation: true, lines: 2 });
    expect(all[2]!.text).toContain('line 3');
  });
});
