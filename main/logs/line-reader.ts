import { cancelled } from '../shared/errors';
import { cleanLine, decode, nextNewline, prevNewline, unitSize } from './encoding';
import type { OpenLog } from './file-access';

/** One physical line. */
export interface RawLine {
  readonly offset: number;
  /** Offset after the line's newline (or after its last byte when it has none yet). */
  readonly end: number;
  readonly text: string;
  readonly truncated: boolean;
  /** False for a last line the writer has not finished (no newline yet). */
  readonly complete: boolean;
}

/** Bytes of one line kept for display; the rest is read on demand (`logs:lineText`). */
export const DISPLAY_CUT = 8 * 1024;
const CHUNK = 1024 * 1024;

/** Options of a forward read. */
export interface ForwardOptions {
  readonly maxLines?: number;
  /** Stop reading here (defaults to the file size at open). */
  readonly until?: number;
  /** Emit an unfinished last line (pages show it; following waits for its newline). */
  readonly includePartial?: boolean;
  readonly cut?: number;
  /** Stop after this many bytes even mid-way (bounds one follow tick). */
  readonly maxBytes?: number;
  /** Checked before every chunk: an abandoned read of a huge file stops at once. */
  readonly signal?: AbortSignal;
}

/** Throws CANCELLED when `signal` is aborted; every loop over file data calls it once per chunk. */
export function checkAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw cancelled();
}

/**
 * Reads lines from `start` (a line start). Memory stays bounded whatever the line length:
 * only the first `cut` bytes of a line are kept, the rest is scanned for the newline.
 * `next` is the offset after the last complete line (where a follow continues).
 */
export async function readLinesForward(
  log: OpenLog,
  start: number,
  opts: ForwardOptions = {},
): Promise<{ lines: RawLine[]; next: number }> {
  const enc = log.encoding;
  const unit = unitSize(enc);
  const until = Math.min(opts.until ?? log.size, log.size);
  const maxLines = opts.maxLines ?? Infinity;
  const cut = (opts.cut ?? DISPLAY_CUT) - ((opts.cut ?? DISPLAY_CUT) % unit);
  const stopAt = opts.maxBytes !== undefined ? Math.min(until, start + opts.maxBytes) : until;
  const lines: RawLine[] = [];
  let lineStart = start;
  let kept: Buffer[] = [];
  let keptLen = 0;
  let pos = start;
  const take = (buf: Buffer, from: number, to: number) => {
    if (keptLen >= cut || to <= from) return;
    const piece = buf.subarray(from, Math.min(to, from + (cut - keptLen)));
    kept.push(piece);
    keptLen += piece.length;
  };
  const emit = (end: number, lineEnd: number, complete: boolean) => {
    const bytes = kept.length === 1 ? kept[0]! : Buffer.concat(kept);
    lines.push({ offset: lineStart, end, text: cleanLine(decode(bytes, enc)), truncated: lineEnd - lineStart > keptLen, complete });
    kept = [];
    keptLen = 0;
    lineStart = end;
  };
  while (pos < stopAt && lines.length < maxLines) {
    checkAborted(opts.signal);
    // Keep chunk ends on code-unit boundaries so a UTF-16 newline is never split.
    const len = Math.min(CHUNK, stopAt - pos);
    const buf = await log.read(pos, len - (len % unit) || len);
    if (buf.length === 0) break;
    let i = 0;
    while (lines.length < maxLines) {
      const nl = nextNewline(buf, i, buf.length, enc, pos);
      if (nl < 0) break;
      take(buf, i, nl);
      emit(pos + nl + unit, pos + nl, true);
      i = nl + unit;
    }
    if (lines.length >= maxLines) return { lines, next: lineStart };
    take(buf, i, buf.length);
    pos += buf.length;
  }
  const next = lineStart;
  if (opts.includePartial && pos >= until && pos > lineStart) emit(pos, pos, false);
  return { lines, next };
}

/**
 * Start of the line `count` lines before `end` (a line start or the end of the file), or the
 * start of the text. Scans backwards in chunks; gives up after `maxScan` bytes so a 10 MB line
 * cannot stall the caller (the line is then shown from the middle).
 */
export async function findStartBackward(
  log: OpenLog,
  end: number,
  count: number,
  maxScan = 64 * 1024 * 1024,
  signal?: AbortSignal,
): Promise<number> {
  const enc = log.encoding;
  const unit = unitSize(enc);
  const floor = Math.max(log.bom, end - maxScan);
  let found = 0;
  let p = end;
  // A newline right before `end` terminates the last line; it is not a line start.
  let limit = end - unit;
  while (p > floor) {
    checkAborted(signal);
    let from = Math.max(floor, p - 256 * 1024);
    if ((from - log.bom) % unit) from += 1;
    const buf = await log.read(from, p - from);
    let before = Math.min(buf.length, limit - from);
    while (before > 0) {
      const nl = prevNewline(buf, before, enc, from);
      if (nl < 0) break;
      found += 1;
      if (found >= count) return from + nl + unit;
      before = nl;
    }
    p = from;
    limit = from;
  }
  return floor;
}

/**
 * The full text of the line at `offset`, up to `maxBytes`. Reading stops just past `maxBytes`
 * (a line without a newline in a 100 GB file costs `maxBytes`, not the file): `truncated` then
 * says the line goes on, and `bytes` counts what was looked at.
 */
export async function readFullLine(
  log: OpenLog,
  offset: number,
  maxBytes: number,
  signal?: AbortSignal,
): Promise<{ text: string; truncated: boolean; bytes: number }> {
  const until = Math.min(log.size, offset + maxBytes + 2 * unitSize(log.encoding)); // room for a CRLF after the cut
  const { lines } = await readLinesForward(log, offset, { maxLines: 1, cut: maxBytes, includePartial: true, until, signal });
  const line = lines[0];
  if (!line) return { text: '', truncated: false, bytes: 0 };
  return { text: line.text, truncated: line.truncated || (!line.complete && line.end < log.size), bytes: line.end - line.offset };
}

/**
 * The full text of the entry from `offset` to `end` (all its lines, each line whole), up to
 * `maxBytes` in total. One pass reads the lines with the display cut; only lines that were cut
 * are read again in full, so a stack trace costs one read and a 10 MB line is read once more.
 */
export async function readEntryText(
  log: OpenLog,
  offset: number,
  end: number,
  maxBytes: number,
  signal?: AbortSignal,
): Promise<{ text: string; truncated: boolean; bytes: number }> {
  const until = Math.min(end, log.size, offset + maxBytes);
  const { lines } = await readLinesForward(log, offset, { until, includePartial: true, signal });
  if (!lines.length) return { text: '', truncated: false, bytes: 0 };
  const texts: string[] = [];
  let budget = maxBytes;
  let truncated = Math.min(end, log.size) > until;
  for (const line of lines) {
    if (budget <= 0) {
      truncated = true;
      break;
    }
    if (!line.truncated) texts.push(line.text);
    else {
      const full = await readFullLine(log, line.offset, budget, signal);
      texts.push(full.text);
      truncated ||= full.truncated;
    }
    budget -= line.end - line.offset;
  }
  return { text: texts.join('\n'), truncated, bytes: Math.min(end, log.size) - offset };
}
