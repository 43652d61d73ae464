import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

/** Serilog's short level names. */
export type LogLevel = 'VRB' | 'DBG' | 'INF' | 'WRN' | 'ERR' | 'FTL';

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** `credcache-YYYYMMDD.log`: the daily file name Serilog's rolling file sink would produce (UTC date). */
export function logFileName(at: Date): string {
  return `credcache-${at.getUTCFullYear()}${pad(at.getUTCMonth() + 1)}${pad(at.getUTCDate())}.log`;
}

/** One line in Serilog's default text format: `2025-01-31 14:02:11.123 +00:00 [INF] message`. */
export function formatLogLine(at: Date, level: LogLevel, message: string): string {
  const date = `${at.getUTCFullYear()}-${pad(at.getUTCMonth() + 1)}-${pad(at.getUTCDate())}`;
  const time = `${pad(at.getUTCHours())}:${pad(at.getUTCMinutes())}:${pad(at.getUTCSeconds())}.${pad(at.getUTCMilliseconds(), 3)}`;
  return `${date} ${time} +00:00 [${level}] ${message}`;
}

/**
 * Writes log lines to the daily file under LogPath, only while EnableLogging is true. Callers pass
 * ids and outcomes only — never secret values or passwords.
 */
export class CacheLog {
  constructor(
    private readonly settings: () => { readonly EnableLogging: boolean; readonly LogPath: string },
    private readonly now: () => Date,
  ) {}

  /** Appends one line (synchronously, so lines keep their order); `at` back-dates it for demo history. */
  write(level: LogLevel, message: string, at: Date = this.now()): void {
    const { EnableLogging, LogPath } = this.settings();
    if (!EnableLogging) return;
    mkdirSync(LogPath, { recursive: true });
    appendFileSync(join(LogPath, logFileName(at)), `${formatLogLine(at, level, message)}\n`, 'utf8');
  }
}
