import { describe, expect, it } from 'vitest';
import type { LogEntry, LogPage } from '../../../contract/channels/logs';
import { appendLive, MAX_WINDOW, prependPage, type Counter, type WindowRows } from '../../../renderer/src/features/logs/window-entries';
import { dividerText, planNewer, planOlder, setFilesOf } from '../../../renderer/src/features/logs/window-paging';

const SET = ['C:\\logs\\SSDE.log.2', 'C:\\logs\\SSDE.log.1', 'C:\\logs\\SSDE.log'];

const entries = (from: number, n: number): LogEntry[] =>
  Array.from({ length: n }, (_, i) => ({
    offset: (from + i) * 10,
    end: (from + i + 1) * 10,
    lines: 1,
    text: `line ${from + i}`,
    truncated: false,
  }));

function page(path: string, list: LogEntry[], edges: { bof: boolean; eof: boolean }): LogPage {
  return {
    path,
    fileId: path,
    size: 1e9,
    encoding: 'utf8',
    format: 'plain',
    entries: list,
    start: list[0]?.offset ?? 0,
    end: list[list.length - 1]?.end ?? 0,
    ...edges,
  };
}

describe('which page to read next', () => {
  it('reads on inside the top file, then the tail of the file before it, and stops at the oldest', () => {
    expect(planOlder(SET, { path: SET[2]!, offset: 500, atFileEdge: false })).toEqual({
      kind: 'read',
      path: SET[2],
      offset: 500,
      direction: 'backward',
    });
    expect(planOlder(SET, { path: SET[2]!, offset: 0, atFileEdge: true })).toEqual({ kind: 'tail', path: SET[1] });
    expect(planOlder(SET, { path: SET[0]!, offset: 0, atFileEdge: true })).toBeNull();
    expect(planOlder(SET, null)).toBeNull();
  });

  it('reads on inside the bottom file, then the next file from its start; the newest file ends in following', () => {
    expect(planNewer(SET, { path: SET[0]!, offset: 70, atFileEdge: false })).toMatchObject({
      path: SET[0],
      offset: 70,
      direction: 'forward',
    });
    expect(planNewer(SET, { path: SET[0]!, offset: 90, atFileEdge: true })).toEqual({
      kind: 'read',
      path: SET[1],
      offset: 0,
      direction: 'forward',
    });
    expect(planNewer(SET, { path: SET[2]!, offset: 90, atFileEdge: true })).toBeNull();
  });

  it('treats a file the set no longer lists (a follow moved to a new daily file) as having no neighbours', () => {
    expect(planOlder(SET, { path: 'C:\\logs\\SSDE.log.3', offset: 0, atFileEdge: true })).toBeNull();
    expect(planNewer(SET, { path: 'C:\\logs\\credcache-20250201.log', offset: 9, atFileEdge: true })).toBeNull();
  });

  it('names files in the divider by their own name, whatever the separator', () => {
    expect(dividerText(SET[1]!, '/var/log/SSDE.log')).toBe('— SSDE.log.1 ends / SSDE.log begins —');
  });

  it('finds the set of the opened file, or only the file itself', () => {
    const file = (path: string) => ({ path, name: path, size: 1, mtime: '' });
    const source = {
      kind: 'folder' as const,
      input: 'C:\\logs',
      folder: 'C:\\logs',
      current: SET[2]!,
      warnings: [],
      sets: [{ key: 'ssde', kind: 'size' as const, files: SET.map(file) }],
    };
    expect(setFilesOf(source, SET[1]!)).toEqual(SET);
    expect(setFilesOf(source, 'C:\\other.log')).toEqual(['C:\\other.log']);
    expect(setFilesOf(null, null)).toEqual([]);
  });
});

describe('the window across files', () => {
  const start = (): { w: WindowRows; c: Counter } => {
    const c: Counter = { top: 0, bottom: 0, key: 0 };
    const first = entries(50_000, 1000).map((e) => ({ ...e, path: SET[2]!, key: `k${e.offset}`, seq: c.bottom++ }));
    return {
      c,
      w: {
        entries: first,
        top: { path: SET[2]!, offset: 500_000, atFileEdge: true },
        bottom: { path: SET[2]!, offset: 510_000, atFileEdge: true },
        eof: true,
      },
    };
  };

  it('skips an empty older file without a divider for it, then divides the next one from the newer file', () => {
    const s = start();
    const c = s.c;
    let w = s.w;
    w = prependPage(w, page(SET[1]!, [], { bof: true, eof: true }), c);
    expect(w.entries).toHaveLength(1000);
    expect(w.top).toEqual({ path: SET[1], offset: 0, atFileEdge: true });
    expect(planOlder(SET, w.top)).toEqual({ kind: 'tail', path: SET[0] });
    w = prependPage(w, page(SET[0]!, entries(0, 10), { bof: true, eof: true }), c);
    expect(w.entries[10]!.marker).toBe('— SSDE.log.2 ends / SSDE.log begins —');
    expect(w.entries[0]).toMatchObject({ path: SET[0], text: 'line 0' });
  });

  it('keeps at most MAX_WINDOW entries, dropping the newest rows and leaving the live end', () => {
    const s = start();
    const c = s.c;
    let w = s.w;
    // Five pages of the file before: 25,000 of its entries, the divider, then the first 1,000.
    for (let i = 1; i <= 5; i += 1) w = prependPage(w, page(SET[1]!, entries(40_000 - i * 5000, 5000), { bof: false, eof: false }), c);
    expect(w.entries.length).toBe(MAX_WINDOW);
    expect(w.entries[0]!.text).toBe('line 15000');
    expect(w.entries[MAX_WINDOW - 1]!.text).toBe('line 34999');
    expect(w.eof).toBe(false);
    // Scrolling back down reads on from the last row kept.
    expect(w.entries.some((e) => e.marker || e.path === SET[2])).toBe(false);
    expect(w.bottom).toEqual({ path: SET[1], offset: 350_000, atFileEdge: false });
    expect(planNewer(SET, w.bottom)).toEqual({ kind: 'read', path: SET[1], offset: 350_000, direction: 'forward' });
    // Live lines that arrive before the follow stops are not attached after the gap.
    const live = appendLive(w, { followId: 'f', path: SET[2]!, fileId: 'x', entries: entries(60_000, 1), next: 600_010 }, c);
    expect(live).toBe(w);
  });

  it('stops paging above the window once the followed file was renamed by a roll, whose old rows now name another file', () => {
    const { w, c } = start();
    const ev = { followId: 'f', path: SET[2]!, fileId: 'y', entries: entries(0, 2), next: 20 };
    const daily = appendLive(w, { ...ev, reset: 'switched' }, c);
    expect(daily.top).toEqual(w.top);
    const rolled = appendLive(w, { ...ev, reset: 'rotated' }, c);
    expect(rolled.entries.at(-3)!.marker).toBe(`The log rolled over; now reading ${SET[2]}`);
    expect(rolled.bottom).toEqual({ path: SET[2], offset: 20, atFileEdge: true });
    expect(planOlder(SET, rolled.top)).toBeNull();
  });
});
