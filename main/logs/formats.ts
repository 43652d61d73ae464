import type { LogFormat, LogLevel } from '../../contract/channels/logs';
import { assertNever } from './encoding';
import { normaliseLevel, toIso } from './levels';
import { renderJsonEntry } from './json-format';

/** What a header line yields. */
export interface ParsedHeader {
  readonly ts?: string;
  readonly level?: LogLevel;
  readonly logger?: string;
  readonly message?: string;
}

const DATE = String.raw`\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}`;
// log4net `%utcdate %property{Context} [%thread] %-5level %logger - %message`.
const LOG4NET = new RegExp(String.raw`^(${DATE},\d{3}) (.*?) ?\[([^\]]*)\] ([A-Z]+) +(\S+) - ?(.*)$`);
// Serilog file sink default: `{Timestamp:yyyy-MM-dd HH:mm:ss.fff zzz} [{Level:u3}] {Message}`.
const SERILOG = new RegExp(String.raw`^(${DATE}(?:[.,]\d{1,7})?(?: ?(?:[+-]\d{2}:?\d{2}|Z))?) \[([A-Za-z]{3,11})\] ?(.*)$`);
// The same header without the message: what the time histogram needs (the message may be any text).
const SERILOG_HEAD = new RegExp(String.raw`^(${DATE}(?:[.,]\d{1,7})?(?: ?(?:[+-]\d{2}:?\d{2}|Z))?) \[([A-Za-z]{3,11})\]`);
// NLog default layout `${longdate}|${level:uppercase=true}|${logger}|${message}`.
const NLOG = new RegExp(String.raw`^(${DATE}\.\d{1,7})\|([A-Za-z]+)\|([^|]*)\|(.*)$`);
// Microsoft.Extensions.Logging console (simple/systemd-less): `info: Category[0]`, message on the
// next indented line; an optional timestamp prefix when TimestampFormat is set.
const MEL = new RegExp(
  String.raw`^(?:(${DATE}(?:[.,]\d{1,7})?(?:Z|[+-]\d{2}:\d{2})?) ?)?(trce|dbug|info|warn|fail|crit): (.*?)\[(-?\d+)\](?: (.*))?$`,
);

/** Formats tried by detection, most specific first. */
export const FORMATS: readonly Exclude<LogFormat, 'plain'>[] = ['json', 'log4net', 'nlog', 'serilog', 'mel'];

/** Parses a header line of `format`; null when the line is not a header (a continuation). */
export function parseHeader(format: LogFormat, line: string): ParsedHeader | null {
  switch (format) {
    case 'log4net': {
      const m = LOG4NET.exec(line);
      return m ? { ts: toIso(m[1]!), level: normaliseLevel(m[4]), logger: m[5], message: m[6] } : null;
    }
    case 'serilog': {
      const m = SERILOG.exec(line);
      if (!m || !normaliseLevel(m[2])) return null;
      return { ts: toIso(m[1]!), level: normaliseLevel(m[2]), message: m[3] };
    }
    case 'nlog': {
      const m = NLOG.exec(line);
      if (!m || !normaliseLevel(m[2])) return null;
      return { ts: toIso(m[1]!), level: normaliseLevel(m[2]), logger: m[3], message: m[4] };
    }
    case 'mel': {
      const m = MEL.exec(line);
      if (!m) return null;
      return { ts: m[1] ? toIso(m[1]) : undefined, level: normaliseLevel(m[2]), logger: m[3], message: m[5] ?? '' };
    }
    case 'json':
      return line.startsWith('{') ? renderJsonEntry(line) : null;
    case 'plain':
      return {};
    default:
      return assertNever(format);
  }
}

/**
 * A header's raw timestamp and level as written (no ISO conversion): the cheap check the line
 * index runs on every line for the time histogram. Null exactly when `parseHeader` is null, for
 * every format but JSON and plain (the caller uses `parseHeader` for those).
 */
export function parseStampRaw(format: 'log4net' | 'serilog' | 'nlog' | 'mel', line: string): { ts?: string; level?: string } | null {
  switch (format) {
    case 'log4net': {
      const m = LOG4NET.exec(line);
      return m ? { ts: m[1], level: m[4] } : null;
    }
    case 'serilog': {
      const m = SERILOG_HEAD.exec(line);
      return m && normaliseLevel(m[2]) ? { ts: m[1], level: m[2] } : null;
    }
    case 'nlog': {
      const m = NLOG.exec(line);
      return m && normaliseLevel(m[2]) ? { ts: m[1], level: m[2] } : null;
    }
    case 'mel': {
      const m = MEL.exec(line);
      return m ? { ts: m[1], level: m[2] } : null;
    }
    default:
      return assertNever(format);
  }
}

/**
 * The format of a file from a sample of its first lines: the format whose header matches most
 * sample lines. The header patterns are specific (a date and a level in fixed places), so a few
 * matches are enough: stack traces can make up most of an error-heavy sample. Unknown layouts
 * fall back to `plain`, where every line is its own entry.
 */
export function detectFormat(sample: readonly string[]): LogFormat {
  const lines = sample.filter((l) => l.trim() !== '').slice(0, 200);
  if (lines.length === 0) return 'plain';
  let best: LogFormat = 'plain';
  let bestCount = 0;
  for (const f of FORMATS) {
    let n = 0;
    for (const l of lines) if (parseHeader(f, l)) n += 1;
    if (n > bestCount) {
      best = f;
      bestCount = n;
    }
  }
  return bestCount >= Math.max(1, Math.ceil(lines.length / 50)) ? best : 'plain';
}
