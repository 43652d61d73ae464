import type { LogLevel } from '../../contract/channels/logs';
import { LOG_LEVELS } from '../../contract/channels/logs';

// Every spelling the supported libraries write: Serilog (VRB, Information), log4net (VERBOSE,
// WARN), NLog (Trace, Warn), Microsoft.Extensions.Logging console (trce, fail, crit).
const LEVELS: Readonly<Record<string, LogLevel>> = {
  vrb: 'trace',
  verbose: 'trace',
  trace: 'trace',
  trce: 'trace',
  finest: 'trace',
  all: 'trace',
  dbg: 'debug',
  debug: 'debug',
  dbug: 'debug',
  fine: 'debug',
  inf: 'info',
  info: 'info',
  information: 'info',
  notice: 'info',
  wrn: 'warn',
  warn: 'warn',
  warning: 'warn',
  err: 'error',
  error: 'error',
  fail: 'error',
  severe: 'error',
  ftl: 'fatal',
  fatal: 'fatal',
  crit: 'fatal',
  critical: 'fatal',
  emergency: 'fatal',
};

/** Normalises a level as written by a logging library; undefined when unknown. */
export function normaliseLevel(raw: string | undefined): LogLevel | undefined {
  if (!raw) return undefined;
  return LEVELS[raw.trim().toLowerCase()];
}

/** True when `level` is at least `min` (`warn` passes warn, error and fatal). */
export function atLeast(level: LogLevel | undefined, min: LogLevel): boolean {
  if (!level) return false;
  return LOG_LEVELS.indexOf(level) >= LOG_LEVELS.indexOf(min);
}

/**
 * A timestamp as written in a log, to ISO 8601. Times without a zone are read as UTC (log4net's
 * `%utcdate` is UTC; for NLog and Serilog without an offset it is the best available guess, and
 * jump-to-time compares in the same terms).
 */
export function toIso(raw: string): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:[.,](\d{1,9}))?\s*(Z|[+-]\d{2}:?\d{2})?$/.exec(raw.trim());
  if (!m) {
    const t = Date.parse(raw);
    return Number.isNaN(t) ? undefined : new Date(t).toISOString();
  }
  const [, y, mo, d, h, mi, s, frac = '0', zone] = m;
  const ms = Math.round(Number(`0.${frac}`) * 1000);
  let t = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), Math.min(ms, 999));
  if (zone && zone !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    t -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4))) * 60_000;
  }
  return Number.isNaN(t) ? undefined : new Date(t).toISOString();
}
