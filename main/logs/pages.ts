import type { LogFormat, LogPage } from '../../contract/channels/logs';
import { groupEntries } from './entries';
import type { OpenLog } from './file-access';
import { detectFormat } from './formats';
import type { LineIndex } from './line-index';
import { findStartBackward, readLinesForward } from './line-reader';

/** Remembers each file's format (by identity) so it is detected once, from its first lines. */
export class FormatCache {
  private readonly map = new Map<string, LogFormat>();

  /** The format of an open file. */
  async get(log: OpenLog): Promise<LogFormat> {
    const key = `${log.fileId}:${log.path}`;
    const hit = this.map.get(key);
    if (hit) return hit;
    const { lines } = await readLinesForward(log, log.bom, {
      maxLines: 200,
      until: Math.min(log.size, log.bom + 64 * 1024),
      includePartial: true,
      cut: 4096,
    });
    const format = detectFormat(lines.map((l) => l.text));
    // A file too young to tell is asked again later.
    if (lines.length >= 5) {
      if (this.map.size > 256) this.map.delete(this.map.keys().next().value as string);
      this.map.set(key, format);
    }
    return format;
  }
}

/** Most lines read backwards to find the header a page's first continuation line belongs to. */
const HEADER_SEARCH_LINES = 2000;

/**
 * Reads up to `maxLines` lines ending at `end` (the tail when `end` is the file size). When the
 * page starts inside a multi-line entry it reaches further back so the entry stays whole.
 */
export async function readBackwardPage(
  log: OpenLog,
  format: LogFormat,
  end: number,
  maxLines: number,
  index?: LineIndex,
  signal?: AbortSignal,
): Promise<LogPage> {
  let start = await findStartBackward(log, end, maxLines, undefined, signal);
  let extra = 0;
  for (;;) {
    const { lines, next } = await readLinesForward(log, start, { until: end, includePartial: end >= log.size, signal });
    const firstLine = index ? await index.lineAt(log, start) : undefined;
    const entries = groupEntries(lines, format, firstLine);
    if (entries[0]?.continuation && start > log.bom && format !== 'plain' && extra < HEADER_SEARCH_LINES) {
      extra += 200;
      start = await findStartBackward(log, start, 200, undefined, signal);
      continue;
    }
    return page(log, format, entries, start, end >= log.size ? next : end);
  }
}

/** Reads up to `maxLines` lines from `start` (a line start), ending on an entry boundary. */
export async function readForwardPage(
  log: OpenLog,
  format: LogFormat,
  start: number,
  maxLines: number,
  index?: LineIndex,
  signal?: AbortSignal,
): Promise<LogPage> {
  const from = Math.max(start, log.bom);
  const { lines, next } = await readLinesForward(log, from, { maxLines, includePartial: true, signal });
  const firstLine = index ? await index.lineAt(log, from) : undefined;
  let entries = groupEntries(lines, format, firstLine);
  const last = entries[entries.length - 1];
  const hitLimit = lines.length >= maxLines && next < log.size;
  // A page cut mid-entry would split a stack trace: leave the last entry for the next page.
  if (hitLimit && format !== 'plain' && entries.length > 1 && last) entries = entries.slice(0, -1);
  const end = hitLimit ? (entries[entries.length - 1]?.end ?? next) : next;
  return page(log, format, entries, from, end);
}

function page(log: OpenLog, format: LogFormat, entries: LogPage['entries'], start: number, end: number): LogPage {
  return {
    path: log.path,
    fileId: log.fileId,
    size: log.size,
    encoding: log.encoding,
    format,
    entries,
    start: entries[0]?.offset ?? start,
    end,
    bof: (entries[0]?.offset ?? start) <= log.bom,
    eof: end >= log.size || (entries[entries.length - 1]?.end ?? 0) >= log.size,
  };
}
