import type { LogFormat, LogLevel, LogSearchHit } from '../../contract/channels/logs';
import { cleanLine, decode, prevNewline, unitSize } from './encoding';
import { withLog } from './file-access';
import { parseHeader } from './formats';
import { compilePattern, requiredLiteral } from './search-pattern';

/** One byte range of one file to search (cut at line ends), as a worker receives it. */
export interface RangeTask {
  readonly path: string;
  readonly start: number;
  readonly end: number;
  readonly format: LogFormat;
  readonly pattern: string;
  readonly regex: boolean;
  readonly caseSensitive: boolean;
  readonly levels?: readonly LogLevel[];
  /** Hits this range keeps at most (matches are still counted). */
  readonly maxHits: number;
  /** Only count the lines (the part of a file before a resumed search's start). */
  readonly countOnly?: boolean;
}

/** What one chunk of a range gave. `line` of each hit counts from 1 at the range's start. */
export interface ChunkResult {
  /** Offset the range has been searched up to. */
  readonly scannedTo: number;
  readonly bytes: number;
  /** Newlines in this chunk. */
  readonly newlines: number;
  readonly matches: number;
  readonly hits: LogSearchHit[];
}

/** Bytes read and matched at a time: memory stays bounded and progress (and the time budget) is per chunk. */
export const SEARCH_CHUNK = 8 * 1024 * 1024;
const HIT_TEXT = 2048;

/**
 * Searches one range in 8 MB chunks cut at line ends. UTF-8 files with a required literal are
 * scanned with `Buffer.indexOf` and the regex only runs on candidate lines, as grep does;
 * otherwise the regex runs over the decoded chunk (`m` flag). `onRead` is called when a chunk
 * has been read and matching starts (the caller's time budget covers matching, not the disk).
 */
export async function scanRange(task: RangeTask, onChunk: (r: ChunkResult) => void, onRead: () => void = () => undefined): Promise<void> {
  const re = compilePattern(task.pattern, task.regex, task.caseSensitive);
  const one = new RegExp(re.source, task.caseSensitive ? '' : 'i');
  const literal = requiredLiteral(task.pattern, task.regex, task.caseSensitive);
  const needle = literal ? Buffer.from(literal) : null;
  const levels = task.levels && task.levels.length > 0 ? new Set(task.levels) : null;
  let kept = 0;
  await withLog(task.path, async (log) => {
    const unit = unitSize(log.encoding);
    const end = Math.min(task.end, log.size);
    let pos = task.start;
    let lineNo = 1;
    while (pos < end) {
      const buf = await log.read(pos, Math.min(SEARCH_CHUNK, end - pos));
      if (buf.length === 0) break;
      onRead();
      const lastNl = pos + buf.length >= end ? -1 : prevNewline(buf, buf.length, log.encoding, pos);
      // A chunk without a newline is part of one huge line: search it as it is.
      const usable = lastNl >= 0 ? lastNl + unit : buf.length;
      const hits: LogSearchHit[] = [];
      let matches = 0;
      const startLine = lineNo;
      const record = (offset: number, rawText: string, line: number) => {
        const text = cleanLine(rawText.slice(0, HIT_TEXT));
        const h = levels || kept < task.maxHits ? parseHeader(task.format, text) : null;
        if (levels && !(h?.level && levels.has(h.level))) return;
        matches += 1;
        if (kept >= task.maxHits) return;
        kept += 1;
        hits.push({ path: task.path, offset, line, text, ...(h?.level ? { level: h.level } : {}), ...(h?.ts ? { ts: h.ts } : {}) });
      };
      if (task.countOnly) {
        lineNo += log.encoding === 'utf8' ? countBytes(buf, 0, usable) : countChars(decode(buf.subarray(0, usable), log.encoding));
      } else if (needle && log.encoding === 'utf8') {
        let counted = 0;
        for (let p = buf.indexOf(needle, 0); p >= 0 && p < usable; p = buf.indexOf(needle, p)) {
          const ls = p === 0 ? 0 : buf.lastIndexOf(0x0a, p - 1) + 1;
          let le = buf.indexOf(0x0a, p);
          if (le < 0 || le > usable) le = usable;
          const text = buf.toString('utf8', ls, le > ls && buf[le - 1] === 0x0d ? le - 1 : le);
          lineNo += countBytes(buf, counted, ls);
          counted = ls;
          if (one.test(text)) record(pos + ls, text, lineNo);
          p = le + 1;
        }
        lineNo += countBytes(buf, counted, usable);
      } else {
        const text = decode(buf.subarray(0, usable), log.encoding);
        // Cursor that turns string indexes into byte offsets and line numbers incrementally.
        let curIdx = 0;
        let curByte = pos;
        re.lastIndex = 0;
        for (let m = re.exec(text); m; m = re.exec(text)) {
          const ls = text.lastIndexOf('\n', m.index - 1) + 1;
          let le = text.indexOf('\n', m.index + (m[0].length > 0 ? m[0].length - 1 : 0));
          if (le < 0) le = text.length;
          re.lastIndex = le + 1;
          const between = text.slice(curIdx, ls);
          curByte += log.encoding === 'utf8' ? Buffer.byteLength(between) : between.length * 2;
          lineNo += countChars(between);
          curIdx = ls;
          record(curByte, text.slice(ls, le), lineNo);
          if (le >= text.length) break;
        }
        lineNo += countChars(text.slice(curIdx));
      }
      pos += usable;
      onChunk({ scannedTo: pos, bytes: usable, newlines: lineNo - startLine, matches, hits });
    }
  });
}

function countChars(s: string): number {
  let n = 0;
  for (let i = s.indexOf('\n'); i >= 0; i = s.indexOf('\n', i + 1)) n += 1;
  return n;
}

function countBytes(buf: Buffer, from: number, to: number): number {
  let n = 0;
  for (let i = buf.indexOf(0x0a, from); i >= 0 && i < to; i = buf.indexOf(0x0a, i + 1)) n += 1;
  return n;
}
