import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LINE_TEXT_MAX_BYTES } from '../../../contract/channels/logs';
import { withLog } from '../../../main/logs/file-access';
import { DISPLAY_CUT, findStartBackward, readFullLine, readLinesForward } from '../../../main/logs/line-reader';
import { LogService } from '../../../main/logs/service';
import { tempDir } from './temp';

let t: ReturnType<typeof tempDir>;
beforeEach(() => (t = tempDir()));
afterEach(() => t.cleanup());

const utf16be = (s: string) => {
  const b = Buffer.from(s, 'utf16le');
  b.swap16();
  return b;
};

describe('reading lines', () => {
  it('reads UTF-16 LE and BE files with a BOM, CRLF line ends, non-ASCII text', async () => {
    const text = '2025-01-31 14:02:11.123 +00:00 [INF] Grüße für secretId=1\r\n2025-01-31 14:02:12.000 +00:00 [ERR] ✗ fehlgeschlagen\r\n';
    const le = join(t.dir, 'le.log');
    const be = join(t.dir, 'be.log');
    writeFileSync(le, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    writeFileSync(be, Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(text)]));
    const svc = new LogService();
    for (const path of [le, be]) {
      const page = await svc.tail(path, 100);
      expect(page.encoding).toBe(path === le ? 'utf16le' : 'utf16be');
      expect(page.format).toBe('serilog');
      expect(page.entries.map((e) => e.message)).toEqual(['Grüße für secretId=1', '✗ fehlgeschlagen']);
      expect(page.entries.map((e) => e.text).join('')).not.toContain('\r');
      expect(page.entries[1]!.offset).toBe(2 + Buffer.byteLength(text.split('\n')[0]! + '\n', 'utf16le'));
      expect(page.end).toBe(page.size);
    }
  });

  it('skips a UTF-8 BOM and strips CR', async () => {
    const path = join(t.dir, 'bom.log');
    writeFileSync(path, '\uFEFFfirst\r\nsecond\r\n');
    const page = await new LogService().tail(path, 10);
    expect(page.entries.map((e) => e.text)).toEqual(['first', 'second']);
    expect(page.start).toBe(3);
  });

  it('cuts a 10 MB line for display, keeps memory bounded and gives the full text on demand, up to 4 MB', async () => {
    const path = join(t.dir, 'long.log');
    const long = 'x'.repeat(10 * 1024 * 1024);
    writeFileSync(path, `before\n${long}\nafter\n`);
    const svc = new LogService();
    const page = await svc.tail(path, 10);
    expect(page.entries.map((e) => e.text.length)).toEqual([6, DISPLAY_CUT, 5]);
    expect(page.entries[1]!.truncated).toBe(true);
    const full = await svc.lineText(path, page.entries[1]!.offset, LINE_TEXT_MAX_BYTES);
    expect(full.text.length).toBe(LINE_TEXT_MAX_BYTES);
    expect(full.truncated).toBe(true);
    // A larger request is held to the same cap.
    expect((await svc.lineText(path, page.entries[1]!.offset, 16 * 1024 * 1024)).text.length).toBe(LINE_TEXT_MAX_BYTES);
    const after = await svc.lineText(path, page.entries[2]!.offset, LINE_TEXT_MAX_BYTES);
    expect(after).toEqual({ text: 'after', truncated: false, bytes: 6 });
    const fwd = await svc.read(path, 0, 'forward', 2);
    expect(fwd.entries.map((e) => e.text.slice(0, 3))).toEqual(['bef', 'xxx']);
    expect(fwd.end).toBe(7 + long.length + 1);
  });

  it('shows binary garbage as replacement characters without stalling', async () => {
    const path = join(t.dir, 'bin.log');
    const garbage = Buffer.alloc(256 * 1024);
    for (let i = 0; i < garbage.length; i += 1) garbage[i] = (i * 7919) % 256;
    writeFileSync(path, Buffer.concat([Buffer.from('start\n'), garbage, Buffer.from('\nend\n')]));
    const page = await new LogService().tail(path, 5000);
    const all = page.entries.map((e) => e.text).join('\n');
    expect(all).toContain('start');
    expect(page.entries[page.entries.length - 1]!.text).toBe('end');
    // eslint-disable-next-line no-control-regex
    expect(all).not.toMatch(/[\u0000-\u0008\u000b-\u001f]/);
  });

  it('finds line starts backwards and shows an unfinished last line', async () => {
    const path = join(t.dir, 'p.log');
    writeFileSync(path, 'a\nbb\nccc\ndd');
    await withLog(path, async (log) => {
      expect(await findStartBackward(log, log.size, 1)).toBe(9);
      expect(await findStartBackward(log, log.size, 3)).toBe(2);
      expect(await findStartBackward(log, 9, 1)).toBe(5);
      expect(await findStartBackward(log, log.size, 99)).toBe(0);
      const r = await readLinesForward(log, 0, { includePartial: true });
      expect(r.lines.map((l) => [l.text, l.complete])).toEqual([
        ['a', true],
        ['bb', true],
        ['ccc', true],
        ['dd', false],
      ]);
      expect(r.next).toBe(9);
      expect((await readFullLine(log, 2, 100)).text).toBe('bb');
    });
  });

  it('keeps a multi-line entry whole when the tail starts inside it', async () => {
    const path = join(t.dir, 'st.log');
    const trace = Array.from({ length: 50 }, (_, i) => `   at Frame${i}()`);
    writeFileSync(path, ['2025-01-31 14:02:11.123 +00:00 [ERR] Boom', ...trace, '2025-01-31 14:02:12.000 +00:00 [INF] ok', ''].join('\n'));
    const page = await new LogService().tail(path, 10);
    expect(page.entries[0]!.message?.startsWith('Boom')).toBe(true);
    expect(page.entries[0]!.lines).toBe(51);
    expect(page.bof).toBe(true);
  });
});
