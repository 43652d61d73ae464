import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LogSearchHit } from '../../../contract/channels/logs';
import { LogService } from '../../../main/logs/service';
import { tempDir } from '../../unit/logs/temp';

const N = 200_000;
let t: ReturnType<typeof tempDir>;
let big: string;
const base = Date.UTC(2025, 0, 31, 0, 0, 0);
const stamp = (i: number) => new Date(base + i * 250).toISOString().replace('T', ' ').replace('Z', ' +00:00');

beforeAll(() => {
  t = tempDir();
  big = join(t.dir, 'big.log');
  const parts: string[] = [];
  for (let i = 0; i < N; i += 1) {
    parts.push(`${stamp(i)} [${i % 1000 === 0 ? 'ERR' : 'INF'}] line ${i} SecretId=${i % 97}\n`);
    if (i % 5000 === 1) parts.push('System.Exception: boom\n   at Frame()\n');
  }
  writeFileSync(big, parts.join(''));
});
afterAll(() => t.cleanup());

describe('large files', () => {
  it('shows the newest lines without reading the whole file, and numbers lines once indexed', async () => {
    const svc = new LogService();
    const tail = await svc.tail(big, 100);
    expect(tail.entries[tail.entries.length - 1]!.text).toContain(`line ${N - 1} `);
    expect(tail.entries[0]!.line).toBeUndefined();
    const status = await svc.index(big);
    expect(status.lines).toBe(N + 2 * Math.ceil(N / 5000));
    const again = await svc.tail(big, 1);
    expect(again.entries[0]!.line).toBe(status.lines);
  });

  it('jumps to a line through the sparse index and reads older pages backwards', async () => {
    const svc = new LogService();
    const { offset, line } = await svc.locate(big, { line: 150_000 });
    expect(line).toBe(150_000);
    const page = await svc.read(big, offset, 'forward', 3);
    expect(page.entries[0]!.line).toBe(150_000);
    const n = Number(/line (\d+)/.exec(page.entries[0]!.text)![1]);
    const back = await svc.read(big, offset, 'backward', 5);
    expect(back.end).toBe(offset);
    expect(back.entries[back.entries.length - 1]!.text).toContain(`line ${n - 1} `);
  });

  it('jumps to a time by binary search', async () => {
    const svc = new LogService();
    const target = 123_456;
    const { offset } = await svc.locate(big, { time: new Date(base + target * 250 - 100).toISOString() });
    const page = await svc.read(big, offset, 'forward', 1);
    expect(page.entries[0]!.text).toContain(`line ${target} `);
    await expect(svc.locate(big, { time: 'yesterday-ish' })).rejects.toMatchObject({ code: 'VALIDATION', details: { field: 'time' } });
  });

  it('searches in chunks, streams hits with line numbers and byte offsets, and filters by level', async () => {
    const svc = new LogService();
    const hits: LogSearchHit[] = [];
    const progress: number[] = [];
    const r = await svc.search(
      { paths: [big], pattern: String.raw`line 1234\d `, regex: true, caseSensitive: true, maxHits: 100 },
      undefined,
      (done, total, h) => {
        progress.push(done / total);
        hits.push(...h);
      },
    );
    expect(r.matches).toBe(10);
    expect(hits.map((h) => h.text)).toEqual(Array.from({ length: 10 }, (_, i) => expect.stringContaining(`line 1234${i} `)));
    expect(progress[progress.length - 1]).toBe(1);
    const idx = await svc.index(big);
    expect(idx.lines).toBeGreaterThan(0);
    // With the index built, line numbers come from its checkpoints instead of counting: same answers.
    const again: LogSearchHit[] = [];
    await svc.search(
      { paths: [big], pattern: String.raw`line 1234\d `, regex: true, caseSensitive: true, maxHits: 100 },
      undefined,
      (_d, _t, h) => again.push(...h),
    );
    expect(again).toEqual(hits);
    const ci: LogSearchHit[] = [];
    await svc.search({ paths: [big], pattern: 'LINE 12345 ', regex: false, caseSensitive: false, maxHits: 100 }, undefined, (_d, _t, h) =>
      ci.push(...h),
    );
    expect(ci.map((h) => [h.line, h.offset])).toEqual([[hits[5]!.line, hits[5]!.offset]]);
    for (const h of hits.slice(0, 3)) {
      expect((await svc.lineText(big, h.offset, 1000)).text).toBe(h.text);
      expect((await svc.locate(big, { line: h.line })).offset).toBe(h.offset);
    }
    const errs = await svc.search({ paths: [big], pattern: 'line', regex: false, caseSensitive: false, levels: ['error'], maxHits: 5 });
    expect(errs).toMatchObject({ matches: N / 1000, truncated: true });
  });

  it('can be cancelled and refuses an invalid regex with a message', async () => {
    const svc = new LogService();
    const ac = new AbortController();
    await expect(
      svc.search({ paths: [big], pattern: 'line', regex: false, caseSensitive: false, maxHits: 10 }, ac.signal, () => ac.abort()),
    ).rejects.toMatchObject({ code: 'CANCELLED' });
    await expect(svc.search({ paths: [big], pattern: '([unclosed', regex: true, caseSensitive: false, maxHits: 10 })).rejects.toMatchObject(
      {
        code: 'VALIDATION',
        details: { field: 'pattern' },
      },
    );
  });

  it('gives byte offsets of UTF-16 and multi-byte UTF-8 hits', async () => {
    const svc = new LogService();
    const text = 'ünïcödé one\nplain two\n✓ three secretId=5\n';
    const u8 = join(t.dir, 'u8.log');
    const u16 = join(t.dir, 'u16.log');
    writeFileSync(u8, text);
    writeFileSync(u16, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    for (const p of [u8, u16]) {
      const hits: LogSearchHit[] = [];
      await svc.search({ paths: [p], pattern: 'secretid=5', regex: false, caseSensitive: false, maxHits: 10 }, undefined, (_d, _t, h) =>
        hits.push(...h),
      );
      expect(hits).toHaveLength(1);
      expect(hits[0]!.line).toBe(3);
      expect((await svc.lineText(p, hits[0]!.offset, 100)).text).toBe('✓ three secretId=5');
    }
  });
});
