import type { LogEntry, LogLinesEvent, LogPage } from '../../../../contract/channels/logs';
import { dividerText, type Edge } from './window-paging';

/** An entry as the viewer holds it: which file it came from and its place in the window. */
export interface ViewEntry extends LogEntry {
  readonly key: string;
  readonly path: string;
  /** Negative for entries loaded above the first page (drives Virtuoso's firstItemIndex). */
  readonly seq: number;
  /** A divider row (file truncated, rotated, next file of the set) rather than a log entry. */
  readonly marker?: string;
}

/** The entries of the window and where reading continues above and below them. */
export interface WindowRows {
  readonly entries: readonly ViewEntry[];
  readonly top: Edge | null;
  readonly bottom: Edge | null;
  /** The bottom is the end of the newest file, where live lines arrive. */
  readonly eof: boolean;
}

/** Entries the renderer keeps at most: memory stays bounded, dropped rows reload on scroll. */
export const MAX_WINDOW = 20_000;

/** Numbering of rows since the window was opened: above the first page, below it, and keys. */
export interface Counter {
  top: number;
  bottom: number;
  key: number;
}

type Row = LogEntry & { readonly path: string; readonly marker?: string };

const BLANK: LogEntry = { offset: 0, end: 0, lines: 0, text: '', truncated: false };

/** A divider row (the list shows it whatever the filters). */
export function markerRow(path: string, marker: string): Row {
  return { ...BLANK, path, marker };
}

/** Rows as view entries, numbered above (`top`) or below (`bottom`) the first page. */
export function numberRows(c: Counter, rows: readonly Row[], at: 'top' | 'bottom'): ViewEntry[] {
  const list = rows.map((e) => ({ ...e, key: `e${(c.key += 1)}`, seq: 0 }));
  if (at === 'top') {
    c.top -= list.length;
    return list.map((e, i) => ({ ...e, seq: c.top + i }));
  }
  return list.map((e) => ({ ...e, seq: c.bottom++ }));
}

/** Entries of a page as view entries. */
export function pageRows(c: Counter, page: { readonly path: string; readonly entries: readonly LogEntry[] }, at: 'top' | 'bottom') {
  return numberRows(
    c,
    page.entries.map((e) => ({ ...e, path: page.path })),
    at,
  );
}

const firstReal = (entries: readonly ViewEntry[]) => entries.find((e) => !e.marker);
const lastReal = (entries: readonly ViewEntry[]) => {
  for (let i = entries.length - 1; i >= 0; i -= 1) if (!entries[i]!.marker) return entries[i];
  return undefined;
};

/** Drops rows from the bottom beyond the cap; the bottom edge moves to the last row kept. */
function capBottom(w: WindowRows, entries: ViewEntry[]): WindowRows {
  if (entries.length <= MAX_WINDOW) return { ...w, entries };
  const kept = entries.slice(0, MAX_WINDOW);
  while (kept.length && kept[kept.length - 1]!.marker) kept.pop();
  const last = lastReal(kept);
  return { ...w, entries: kept, eof: false, bottom: last ? { path: last.path, offset: last.end, atFileEdge: false } : w.bottom };
}

/** Drops rows from the top beyond the cap; the top edge moves to the first row kept. */
function capTop(w: WindowRows, entries: ViewEntry[]): WindowRows {
  if (entries.length <= MAX_WINDOW) return { ...w, entries };
  const kept = entries.slice(entries.length - MAX_WINDOW);
  while (kept.length && kept[0]!.marker) kept.shift();
  const first = firstReal(kept);
  return { ...w, entries: kept, top: first ? { path: first.path, offset: first.offset, atFileEdge: false } : w.top };
}

/** Puts an older page above the window, with a divider when it comes from the file before. */
export function prependPage(w: WindowRows, page: LogPage, c: Counter): WindowRows {
  const top: Edge = { path: page.path, offset: page.start, atFileEdge: page.bof };
  if (!page.entries.length) return { ...w, top };
  const first = firstReal(w.entries);
  const rows: Row[] = page.entries.map((e) => ({ ...e, path: page.path }));
  if (first && first.path !== page.path) rows.push(markerRow(page.path, dividerText(page.path, first.path)));
  return capBottom({ ...w, top }, [...numberRows(c, rows, 'top'), ...w.entries]);
}

/** Puts a newer page below the window, with a divider when it comes from the next file. */
export function appendPage(w: WindowRows, page: LogPage, eof: boolean, c: Counter): WindowRows {
  const bottom: Edge = { path: page.path, offset: page.end, atFileEdge: page.eof };
  if (!page.entries.length) return { ...w, bottom, eof };
  const last = lastReal(w.entries);
  const rows: Row[] = last && last.path !== page.path ? [markerRow(page.path, dividerText(last.path, page.path))] : [];
  rows.push(...page.entries.map((e) => ({ ...e, path: page.path })));
  return capTop({ ...w, bottom, eof }, [...w.entries, ...numberRows(c, rows, 'bottom')]);
}

/** Appends followed lines: continuations merged, a divider on truncation or roll, line numbers carried on. */
export function appendLive(w: WindowRows, ev: LogLinesEvent, c: Counter): WindowRows {
  // The window was moved off the live end (older rows pushed the newest out): nothing to attach to.
  if (!w.eof) return w;
  const entries = [...w.entries];
  if (ev.reset) {
    const what = ev.reset === 'truncated' ? 'was truncated; reading it from the start' : `rolled over; now reading ${ev.path}`;
    entries.push(...numberRows(c, [markerRow(ev.path, `The log ${what}`)], 'bottom'));
  }
  let incoming = ev.entries;
  const last = entries[entries.length - 1];
  const head = incoming[0];
  if (head?.continuation && last && !last.marker) {
    entries[entries.length - 1] = {
      ...last,
      text: `${last.text}\n${head.text}`,
      end: head.end,
      lines: last.lines + head.lines,
      message: last.message !== undefined ? `${last.message}\n${head.text}` : undefined,
    };
    incoming = incoming.slice(1);
  }
  let nextLine = last && last.line !== undefined && !ev.reset ? last.line + last.lines : undefined;
  const numbered = incoming.map((e) => {
    const withLine = nextLine !== undefined ? { ...e, line: nextLine } : e;
    if (nextLine !== undefined) nextLine += e.lines;
    return withLine;
  });
  entries.push(...pageRows(c, { path: ev.path, entries: numbered }, 'bottom'));
  // After a rename roll or a truncation the rows above no longer match the file their path names
  // (the set was resolved before the roll): paging above them would read the wrong lines.
  const top = ev.reset === 'rotated' || ev.reset === 'truncated' ? null : w.top;
  return capTop({ ...w, top, bottom: { path: ev.path, offset: ev.next, atFileEdge: true } }, entries);
}
