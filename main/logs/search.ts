import type { LogLevel, LogSearchHit, LogSearchResult } from '../../contract/channels/logs';
import { ContractError } from '../../contract';
import { cleanLine, decode, prevNewline, unitSize } from './encoding';
import { statOrNull, withLog } from './file-access';
import { parseHeader } from './formats';
import type { FormatCache } from './pages';
import type { LineIndex } from './line-index';
import { cancelled, errorMessage } from '../shared/errors';

/** A search request. */
export interface SearchQuery {
  readonly paths: readonly string[];
  readonly pattern: string;
  readonly regex: boolean;
  readonly caseSensitive: boolean;
  readonly levels?: readonly LogLevel[];
  readonly maxHits: number;
}

const CHUNK = 8 * 1024 * 1024;
const HIT_TEXT = 2048;

/** Compiles the pattern; an invalid regex is a VALIDATION error naming the `pattern` field. */
export function compilePattern(pattern: string, regex: boolean, caseSensitive: boolean): RegExp {
  const source = regex ? pattern : pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  try {
    return new RegExp(source, `gm${caseSensitive ? '' : 'i'}`);
  } catch (err) {
    throw new ContractError('VALIDATION', `Invalid regular expression: ${errorMessage(err)}`, {
      details: { field: 'pattern' },
    });
  }
}

/**
 * The longest run of characters every match must contain, for a fast byte search
 * (`Buffer.indexOf`, memmem) before the regex runs on candidate lines only, as grep does.
 * Conservative: no prefilter for alternations, and for case-insensitive search only a run
 * without letters qualifies.
 */
export function requiredLiteral(pattern: string, regex: boolean, caseSensitive: boolean): string | null {
  let best = '';
  let run = '';
  const end = () => {
    if (run.length > best.length) best = run;
    run = '';
  };
  if (!regex) run = pattern;
  else if (pattern.includes('|')) return null;
  else {
    for (let i = 0; i < pattern.length; i += 1) {
      const c = pattern[i]!;
      const next = pattern[i + 1];
      if (next === '*' || next === '?' || next === '{') {
        end(); // the char before an optional quantifier may be absent
        continue;
      }
      if (c === '\\') {
        const e = pattern[i + 1] ?? '';
        i += 1;
        if (/[.*+?^${}()|[\]\\/-]/.test(e) && pattern[i + 1] !== '*' && pattern[i + 1] !== '?' && pattern[i + 1] !== '{') run += e;
        else end();
      } else if ('.^$()[]{}*+?'.includes(c)) {
        end();
        if (c === '[') while (i < pattern.length && pattern[i] !== ']') i += pattern[i] === '\\' ? 2 : 1;
      } else run += c;
    }
  }
  end();
  if (!caseSensitive) {
    const parts = best.split(/[A-Za-z\u0080-\uffff]+/);
    best = parts.reduce((a, b) => (b.length > a.length ? b : a), '');
  }
  return best.length >= 3 ? best : null;
}

/** Line numbers for hits when a complete sparse index exists (cheaper than counting every line). */
export type LineLookup = (path: string, fileId: string) => LineIndex | undefined;

/**
 * Searches files in order, in 8 MB chunks cut at line ends, so memory stays bounded whatever
 * the file size. UTF-8 files with a required literal are scanned with `Buffer.indexOf` and the
 * regex only runs on candidate lines; otherwise the regex runs over the whole decoded chunk
 * (`m` flag). Counts every matching line; streams at most `maxHits` hits through `onProgress`.
 */
export async function searchFiles(
  q: SearchQuery,
  formats: FormatCache,
  opts: { signal?: AbortSignal; onProgress?: (done: number, total: number, hits: LogSearchHit[]) => void; lines?: LineLookup },
): Promise<LogSearchResult> {
  const re = compilePattern(q.pattern, q.regex, q.caseSensitive);
  const one = new RegExp(re.source, q.caseSensitive ? '' : 'i');
  const literal = requiredLiteral(q.pattern, q.regex, q.caseSensitive);
  const needle = literal ? Buffer.from(literal) : null;
  const levels = q.levels && q.levels.length > 0 ? new Set(q.levels) : null;
  let matches = 0;
  let scanned = 0;
  let pending: LogSearchHit[] = [];
  let grandTotal = 0;
  for (const path of q.paths) grandTotal += (await statOrNull(path))?.size ?? 0;
  const flush = () => {
    opts.onProgress?.(scanned, grandTotal, pending);
    pending = [];
  };
  for (const path of q.paths) {
    await withLog(path, async (log) => {
      const format = await formats.get(log);
      const index = opts.lines?.(path, log.fileId);
      const useIndex = index !== undefined && index.indexedTo >= log.size - 1;
      const unit = unitSize(log.encoding);
      let pos = log.bom;
      let lineNo = 1;
      const record = (offset: number, rawText: string, line: number, out: Array<LogSearchHit & { line: number }>) => {
        const lineText = cleanLine(rawText.slice(0, HIT_TEXT));
        const h = levels || matches < q.maxHits ? parseHeader(format, lineText) : null;
        if (levels && !(h?.level && levels.has(h.level))) return;
        matches += 1;
        if (matches <= q.maxHits)
          out.push({ path, offset, line, text: lineText, ...(h?.level ? { level: h.level } : {}), ...(h?.ts ? { ts: h.ts } : {}) });
      };
      while (pos < log.size) {
        if (opts.signal?.aborted) throw cancelled();
        const buf = await log.read(pos, Math.min(CHUNK, log.size - pos));
        const lastNl = pos + buf.length >= log.size ? -1 : prevNewline(buf, buf.length, log.encoding, pos);
        // A chunk without a newline is part of one huge line: search it as it is.
        const usable = lastNl >= 0 ? lastNl + unit : buf.length;
        const found: Array<LogSearchHit & { line: number }> = [];
        if (needle && log.encoding === 'utf8') {
          let counted = 0;
          for (let p = buf.indexOf(needle, 0); p >= 0 && p < usable; p = buf.indexOf(needle, p)) {
            const ls = p === 0 ? 0 : buf.lastIndexOf(0x0a, p - 1) + 1;
            let le = buf.indexOf(0x0a, p);
            if (le < 0 || le > usable) le = usable;
            const text = buf.toString('utf8', ls, le > ls && buf[le - 1] === 0x0d ? le - 1 : le);
            if (!useIndex) {
              lineNo += countBytes(buf, counted, ls);
              counted = ls;
            }
            if (one.test(text)) record(pos + ls, text, lineNo, found);
            p = le + 1;
          }
          if (!useIndex) lineNo += countBytes(buf, counted, usable);
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
            if (!useIndex) lineNo += countChars(between);
            curIdx = ls;
            record(curByte, text.slice(ls, le), lineNo, found);
            if (le >= text.length) break;
          }
          if (!useIndex) lineNo += countChars(text.slice(curIdx));
        }
        if (useIndex && found.length) {
          const lines = await index.linesAt(
            log,
            found.map((f) => f.offset),
          );
          found.forEach((f, i) => (f.line = lines[i] ?? f.line));
        }
        pending.push(...found);
        pos += usable;
        scanned += usable;
        // Progress after every chunk (8 MB), so the bar moves and a cancel lands between chunks
        // whatever the machine's speed.
        flush();
      }
    });
  }
  flush();
  return { matches, scannedBytes: scanned, truncated: matches > q.maxHits };
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
