import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LogService } from '../../../main/logs/service';
import { resolveLogSource } from '../../../main/logs/source';
import { appendPage, prependPage, type Counter, type WindowRows } from '../../../renderer/src/features/logs/window-entries';
import { newerFile, planNewer, planOlder, setFilesOf } from '../../../renderer/src/features/logs/window-paging';
import { tempDir } from '../../unit/logs/temp';

// The viewer's paging logic over real files read by the real service: what the window holds
// after walking a rolling set up from the newest file's tail, or down from the oldest file's start.
const line = (n: number) => `2016-03-08 15:15:02,123 (null) [12] INFO  Thycotic.DistributedEngine.Service.Writer - line ${n}\n`;
const PAGE = 150;
let t: ReturnType<typeof tempDir>;
let files: readonly string[];

/** Lines `from`..`to-1`; line 700 carries a stack trace, so one entry spans several lines. */
function lines(from: number, to: number): string {
  let out = '';
  for (let n = from; n < to; n += 1) out += line(n) + (n === 700 ? 'System.Exception: boom\n   at Frame()\n' : '');
  return out;
}

beforeAll(async () => {
  t = tempDir();
  writeFileSync(join(t.dir, 'SSDE.log.2'), lines(0, 500));
  writeFileSync(join(t.dir, 'SSDE.log.1'), lines(500, 1000));
  writeFileSync(join(t.dir, 'SSDE.log'), lines(1000, 1300));
  const source = await resolveLogSource(join(t.dir, 'SSDE.log'));
  files = setFilesOf(source, join(t.dir, 'SSDE.log'));
});
afterAll(() => t.cleanup());

const numbers = (w: WindowRows) => w.entries.filter((e) => !e.marker).map((e) => Number(/line (\d+)/.exec(e.text)![1]));
const markers = (w: WindowRows) => w.entries.filter((e) => e.marker).map((e) => e.marker);

describe('scrolling across the files of a rolling set', () => {
  it('orders the set oldest first', () => {
    expect(files.map((f) => f.slice(t.dir.length + 1))).toEqual(['SSDE.log.2', 'SSDE.log.1', 'SSDE.log']);
  });

  it('reaches the first line of the oldest file from the newest tail, every entry once, dividers between files', async () => {
    const svc = new LogService();
    const c: Counter = { top: 0, bottom: 0, key: 0 };
    const tail = await svc.tail(files[2]!, PAGE);
    let w: WindowRows = { entries: [], top: null, bottom: { path: tail.path, offset: tail.end, atFileEdge: true }, eof: true };
    w = appendPage(w, tail, true, c);
    w = { ...w, top: { path: tail.path, offset: tail.start, atFileEdge: tail.bof } };
    for (let plan = planOlder(files, w.top); plan; plan = planOlder(files, w.top)) {
      const page = plan.kind === 'tail' ? await svc.tail(plan.path, PAGE) : await svc.read(plan.path, plan.offset, 'backward', PAGE);
      w = prependPage(w, page, c);
    }
    expect(numbers(w)).toEqual(Array.from({ length: 1300 }, (_, i) => i));
    expect(markers(w)).toEqual(['— SSDE.log.2 ends / SSDE.log.1 begins —', '— SSDE.log.1 ends / SSDE.log begins —']);
    // Each entry keeps its own file, so full text and copy read the right one.
    const trace = w.entries.find((e) => e.text.includes('line 700'))!;
    expect(trace.path).toBe(files[1]);
    expect(trace.lines).toBe(3);
    expect(await svc.lineText(trace.path, trace.offset, 1 << 20, trace.end)).toMatchObject({ text: expect.stringContaining('at Frame()') });
    // Row order stays what Virtuoso needs: sequence numbers only go up down the list.
    const seqs = w.entries.map((e) => e.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(w.eof).toBe(true);
    await svc.close();
  });

  it('reads down from the start of the oldest file to the live end of the newest', async () => {
    const svc = new LogService();
    const c: Counter = { top: 0, bottom: 0, key: 0 };
    let w: WindowRows = { entries: [], top: null, bottom: { path: files[0]!, offset: 0, atFileEdge: false }, eof: false };
    for (let plan = planNewer(files, w.bottom); plan && plan.kind === 'read'; plan = planNewer(files, w.bottom)) {
      const page = await svc.read(plan.path, plan.offset, 'forward', PAGE);
      w = appendPage(w, page, page.eof && !newerFile(files, page.path), c);
    }
    expect(numbers(w)).toEqual(Array.from({ length: 1300 }, (_, i) => i));
    expect(markers(w)).toEqual(['— SSDE.log.2 ends / SSDE.log.1 begins —', '— SSDE.log.1 ends / SSDE.log begins —']);
    expect(w.eof).toBe(true);
    expect(w.bottom).toEqual({ path: files[2], offset: Buffer.byteLength(lines(1000, 1300)), atFileEdge: true });
    await svc.close();
  });
});
