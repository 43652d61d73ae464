import { z } from 'zod';
import { channel, progress, result } from '../define';

/** Normalised severity of a log entry (Serilog, log4net, NLog and MEL levels map onto these). */
export type LogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal';
/** Every level, lowest first. */
export const LOG_LEVELS: readonly LogLevel[] = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'];
/** A line format the parser recognises; `plain` shows lines as they are. */
export type LogFormat = 'log4net' | 'serilog' | 'nlog' | 'mel' | 'json' | 'plain';
/** Text encoding of a log file (from its byte-order mark; UTF-8 without one). */
export type LogEncoding = 'utf8' | 'utf16le' | 'utf16be';

/** One log entry: a header line plus its continuation lines (stack traces stay in one entry). */
export interface LogEntry {
  /** Byte offset of the entry's first line. */
  readonly offset: number;
  /** Byte offset just after the entry's last line (and its newline). */
  readonly end: number;
  /** 1-based line number of the first line, when the file's line index covers it. */
  readonly line?: number;
  /** Physical lines in the entry. */
  readonly lines: number;
  /** The raw text, lines joined with `\n`; a line longer than the display cut is shortened. */
  readonly text: string;
  /** True when some line was cut for display (ask `logs:lineText` for the full text). */
  readonly truncated: boolean;
  readonly ts?: string;
  readonly level?: LogLevel;
  readonly logger?: string;
  /** The message (JSON entries: the rendered message template). */
  readonly message?: string;
  /** True when the entry starts with lines that continue an entry of an earlier batch. */
  readonly continuation?: boolean;
}

/** A page of entries read from one file. */
export interface LogPage {
  readonly path: string;
  /** Identity of the file (device + inode), so a follow can notice a rotation. */
  readonly fileId: string;
  readonly size: number;
  readonly encoding: LogEncoding;
  readonly format: LogFormat;
  readonly entries: readonly LogEntry[];
  /** Offset of the first entry (older pages are read before it). */
  readonly start: number;
  /** Offset after the last complete line (following starts here). */
  readonly end: number;
  readonly bof: boolean;
  readonly eof: boolean;
}

/** A file of a source. */
export interface LogSourceFile {
  readonly path: string;
  readonly name: string;
  readonly size: number;
  readonly mtime: string;
}

/** Files that roll into each other (`SSDE.log.34 … SSDE.log`, `credcache-20250130.log …`), oldest first. */
export interface LogSet {
  readonly key: string;
  readonly kind: 'single' | 'size' | 'daily';
  readonly files: readonly LogSourceFile[];
}

/** Something the user should fix about a source, naming the key and file. */
export interface LogSourceWarning {
  readonly code: 'ENABLE_LOGGING_FALSE' | 'LOG_PATH_MISSING' | 'LOG_PATH_UNREADABLE' | 'APPSETTINGS_INVALID' | 'NO_LOG_FILES';
  readonly message: string;
  readonly key?: string;
  readonly file?: string;
}

/** A source resolved to its log files. */
export interface ResolvedLogSource {
  readonly kind: 'file' | 'folder' | 'credentials-cache';
  readonly input: string;
  /** The folder that holds the log files (null when it could not be found). */
  readonly folder: string | null;
  /** Rolling sets, the most recently written first. */
  readonly sets: readonly LogSet[];
  /** The file to open first: the picked file, or the newest file of the newest set. */
  readonly current: string | null;
  readonly appsettings?: { readonly file: string; readonly enableLogging?: boolean; readonly logPath?: string };
  readonly warnings: readonly LogSourceWarning[];
}

/** One search hit. */
export interface LogSearchHit {
  readonly path: string;
  readonly offset: number;
  readonly line: number;
  readonly text: string;
  readonly level?: LogLevel;
  readonly ts?: string;
}

/** Summary of a finished search (hits themselves stream through `job:progress` data). */
export interface LogSearchResult {
  readonly matches: number;
  readonly scannedBytes: number;
  /** True when more matched than `maxHits`: the count is exact, the streamed hits stop. */
  readonly truncated: boolean;
}

/** Progress of a whole-file search: hits found since the last report (a snapshot holds all so far). */
export interface LogSearchProgressData {
  readonly hits: readonly LogSearchHit[];
}

/** State of a file's sparse line index. */
export interface LogIndexStatus {
  readonly path: string;
  readonly lines: number;
  readonly indexedBytes: number;
  readonly checkpoints: number;
}

/** Lines appended to a followed file (event `logs:lines`). */
export interface LogLinesEvent {
  readonly followId: string;
  readonly path: string;
  readonly fileId: string;
  readonly entries: readonly LogEntry[];
  /** Set when the file was truncated, rotated or the rolling set moved on to a newer file. */
  readonly reset?: 'truncated' | 'rotated' | 'switched';
  readonly next: number;
}

/** Events of the Logs area. */
export interface LogsEvents {
  'logs:lines': LogLinesEvent;
}

/** How long main keeps a window's follow without `logs:renew`. */
export const FOLLOW_LEASE_MS = 30_000;
/** How often the renderer renews its follow (a third of the lease, so one lost renewal is harmless). */
export const FOLLOW_RENEW_MS = 10_000;

const pathField = z.string().min(1).max(4096);
const offsetField = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const levelField = z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal']);

/** Channels of the Logs area (live tail, sources, search). */
export const logsChannels = {
  'logs:defaults': channel(z.object({}).strict(), result<{ readonly engineLogFolder: string; readonly engineLogFolderExists: boolean }>()),
  'logs:resolveSource': channel(z.object({ input: pathField }).strict(), result<ResolvedLogSource>()),
  'logs:tail': channel(
    z.object({ path: pathField, maxEntries: z.number().int().min(1).max(5000).default(1000) }).strict(),
    result<LogPage>(),
  ),
  'logs:read': channel(
    z
      .object({
        path: pathField,
        offset: offsetField,
        direction: z.enum(['forward', 'backward']),
        maxEntries: z.number().int().min(1).max(5000).default(500),
      })
      .strict(),
    result<LogPage>(),
  ),
  'logs:lineText': channel(
    z
      .object({
        path: pathField,
        offset: offsetField,
        /** The entry's `end`: read every line of the entry, not just the first. */
        end: offsetField.optional(),
        maxBytes: z
          .number()
          .int()
          .min(1)
          .max(64 * 1024 * 1024)
          .default(16 * 1024 * 1024),
      })
      .strict(),
    result<{ readonly text: string; readonly truncated: boolean; readonly bytes: number }>(),
  ),
  'logs:locate': channel(
    z
      .object({ path: pathField, line: z.number().int().min(1).optional(), time: z.string().min(1).max(64).optional() })
      .strict()
      .refine((v) => (v.line === undefined) !== (v.time === undefined), { message: 'Give exactly one of line or time', path: ['line'] }),
    result<{ readonly offset: number; readonly line?: number }>(),
    { progress: progress<null>() },
  ),
  'logs:index': channel(z.object({ path: pathField }).strict(), result<LogIndexStatus>(), { progress: progress<null>() }),
  'logs:search': channel(
    z
      .object({
        paths: z.array(pathField).min(1).max(100),
        pattern: z.string().min(1).max(1000),
        regex: z.boolean().default(false),
        caseSensitive: z.boolean().default(false),
        levels: z.array(levelField).max(6).optional(),
        maxHits: z.number().int().min(1).max(100_000).default(5000),
      })
      .strict(),
    result<LogSearchResult>(),
    { progress: progress<LogSearchProgressData>() },
  ),
  'logs:follow': channel(
    z.object({ path: pathField, offset: offsetField, fileId: z.string().max(100).optional() }).strict(),
    result<{ readonly followId: string }>(),
  ),
  /** Keeps a follow alive; main stops follows not renewed within `FOLLOW_LEASE_MS` (a window that went away). */
  'logs:renew': channel(z.object({ followId: z.string().min(1).max(100) }).strict(), result<{ readonly renewed: boolean }>()),
  'logs:unfollow': channel(z.object({ followId: z.string().min(1).max(100) }).strict(), result<{ readonly stopped: boolean }>()),
} as const;
