import type { LogLevel, LogSearchHit, LogSearchResult } from '../../contract/channels/logs';
import { ContractError } from '../../contract';
import { cleanLine, decode, prevNewline, unitSize } from './encoding';
import { statOrNull, withLog } from './file-access';
import { parseHeader } from './formats';
import type { FormatCache } from './pages';

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
    throw new ContractError('VALIDATION', `Invalid regular expression: ${err instanceof Error ? err.message : String(err)}`, {
      details: { field: 'pattern' },
    });
  }
}

/**
 * Searches files in order, in 8 MB chunks cut at line ends, so memory stays bounded whatever
 * the file size. The regex runs over a whole decoded chunk (`m` flag) rather than line by line,
 * which lets V8 skip quickly through lines that cannot match. Counts every matching line;
 * streams at most `maxHits` hits through `onHits`.
 */
export async function searchFiles(
  q: SearchQuery,
  formats: FormatCache,
  opts: { signal?: AbortSignal; onProgress?: (done: number, total: number, hits: LogSearchHit[]) => void },
): Promise<LogSearchResult> {
  const re = compilePattern(q.pattern, q.regex, q.caseSensitive);
  const levels = q.levels && q.levels.length > 0 ? new Set(q.levels) : null;
  let matches = 0;
  let scanned = 0;
  let pending: LogSearchHit[] = [];
  let lastFlush = Date.now();
  const flush = (done: number, total: number, force = false) => {
    if (!force && pending.length < 500 && Date.now() - lastFlush < 100) return;
    opts.onProgress?.(done, total, pending);
    pending = [];
    lastFlush = Date.now();
  };
  let grandTotal = 0;
  for (const path of q.paths) grandTotal += (await statOrNull(path))?.size ?? 0;
  for (const path of q.paths) {
    await withLog(path, async (log) => {
      const format = await formats.get(log);
      const unit = unitSize(log.encoding);
      let pos = log.bom;
      let lineNo = 1;
      while (pos < log.size) {
        if (opts.signal?.aborted) throw new ContractError('CANCELLED', 'Cancelled', { retryable: true });
        const buf = await log.read(pos, Math.min(CHUNK, log.size - pos));
        const lastNl = pos + buf.length >= log.size ? -1 : prevNewline(buf, buf.length, log.encoding, pos);
        // A chunk without a newline is part of one huge line: search it as it is.
        const usable = lastNl >= 0 ? lastNl + unit : buf.length;
        const text = decode(buf.subarray(0, usable), log.encoding);
        // Cursor that turns string indexes into byte offsets and line numbers incrementally.
        let curIdx = 0;
        let curByte = pos;
        let curLine = lineNo;
        re.lastIndex = 0;
        for (let m = re.exec(text); m; m = re.exec(text)) {
          const ls = text.lastIndexOf('\n', m.index - 1) + 1;
          let le = text.indexOf('\n', m.index + (m[0].length > 0 ? m[0].length - 1 : 0));
          if (le < 0) le = text.length;
          re.lastIndex = le + 1;
          const between = text.slice(curIdx, ls);
          curByte += log.encoding === 'utf8' ? Buffer.byteLength(between) : between.length * 2;
          curLine += countNewlines(between);
          curIdx = ls;
          const lineText = cleanLine(text.slice(ls, Math.min(le, ls + HIT_TEXT)));
          const h = levels || matches < q.maxHits ? parseHeader(format, lineText) : null;
          if (levels && !(h?.level && levels.has(h.level))) continue;
          matches += 1;
          if (matches <= q.maxHits) {
            pending.push({
              path,
              offset: curByte,
              line: curLine,
              text: lineText,
              ...(h?.level ? { level: h.level } : {}),
              ...(h?.ts ? { ts: h.ts } : {}),
            });
          }
          if (le >= text.length) break;
        }
        lineNo = curLine + countNewlines(text.slice(curIdx));
        pos += usable;
        scanned += usable;
        flush(scanned, grandTotal);
      }
    });
  }
  flush(scanned, grandTotal, true);
  return { matches, scannedBytes: scanned, truncated: matches > q.maxHits };
}

function countNewlines(s: string): number {
  let n = 0;
  for (let i = s.indexOf('\n'); i >= 0; i = s.indexOf('\n', i + 1)) n += 1;
  return n;
}
