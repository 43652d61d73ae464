import type { LogEntry, LogFormat } from '../../contract/channels/logs';
import { parseHeader } from './formats';
import type { RawLine } from './line-reader';

/** Longest entry text kept (a stack trace of thousands of lines is cut, marked truncated). */
const ENTRY_CUT = 64 * 1024;

/**
 * Groups physical lines into entries: a line that is not a header of `format` continues the
 * entry before it (stack traces, MEL's indented message line). Lines before the first header of
 * a batch are returned as one entry marked `continuation`, so a follower's receiver can join
 * them to its last entry.
 */
export function groupEntries(lines: readonly RawLine[], format: LogFormat, firstLine?: number): LogEntry[] {
  const out: LogEntry[] = [];
  let cur: Mutable | null = null;
  let lineNo = firstLine;
  const flush = () => {
    if (cur) out.push(finish(cur, format));
    cur = null;
  };
  for (const l of lines) {
    const h = parseHeader(format, l.text);
    if (h || !cur) {
      flush();
      cur = {
        offset: l.offset,
        end: l.end,
        line: lineNo,
        lines: 1,
        parts: [l.text],
        size: l.text.length,
        truncated: l.truncated,
        header: h,
      };
    } else {
      cur.end = l.end;
      cur.lines += 1;
      cur.truncated ||= l.truncated;
      if (cur.size < ENTRY_CUT) {
        cur.parts.push(l.text);
        cur.size += l.text.length;
      } else cur.truncated = true;
    }
    if (lineNo !== undefined) lineNo += 1;
  }
  flush();
  return out;
}

interface Mutable {
  offset: number;
  end: number;
  line: number | undefined;
  lines: number;
  parts: string[];
  size: number;
  truncated: boolean;
  header: ReturnType<typeof parseHeader>;
}

function finish(e: Mutable, format: LogFormat): LogEntry {
  const text = e.parts.join('\n');
  const h = e.header;
  const base = {
    offset: e.offset,
    end: e.end,
    lines: e.lines,
    text,
    truncated: e.truncated,
    ...(e.line !== undefined ? { line: e.line } : {}),
  };
  if (!h) return { ...base, continuation: true };
  if (format === 'plain') return base;
  const rest = e.parts.slice(1);
  // MEL's message sits on the indented lines after the header.
  const message = [h.message ?? '', ...rest.map((r) => (format === 'mel' ? r.trim() : r))].filter((p, i) => i > 0 || p !== '').join('\n');
  return {
    ...base,
    ...(h.ts ? { ts: h.ts } : {}),
    ...(h.level ? { level: h.level } : {}),
    ...(h.logger ? { logger: h.logger } : {}),
    message,
  };
}
