import type { RefreshConfirmation, RefreshOutcome } from '../../contract/channels/fleet';
import type { LogEntry, LogPage } from '../../contract/channels/logs';
import { ContractError } from '../../contract/errors';
import type { LogService } from '../logs/service';
import { resolveLogSource } from '../logs/source';
import { redact } from '../shared/redact';

/** The LogService reads the confirmation needs (the same reader the Logs screen uses). */
export type CacheLogReader = Pick<LogService, 'tail' | 'read'>;

/** How a refresh is confirmed from the instances' logs: the reader, and how long to wait for the outcome line. */
export interface RefreshConfirmOptions {
  readonly logs: CacheLogReader;
  /** Default 10 s. */
  readonly windowMs?: number;
}

/** Where the instance's current log file ended before the request, so only later lines count. */
export interface CacheLogMark {
  readonly path: string;
  readonly fileId: string;
  readonly end: number;
}

/** Options of `confirmRefreshFromLog`. */
export interface ConfirmOptions {
  readonly logs: CacheLogReader;
  /** The profile's `logPath` (log folder, log file, install folder or appsettings.json). */
  readonly logPath: string | undefined;
  readonly secretId: number | string;
  /** When the refresh was asked for; lines of another file count only from this time on. */
  readonly since: Date;
  /** The end of the log before the request (`markCacheLog`): lines of that file count from there. */
  readonly after?: CacheLogMark | null;
  /** How long to wait for the cache's outcome line (default 10 s). */
  readonly windowMs?: number;
  /** Pause between reads of the log (default 250 ms). */
  readonly pollMs?: number;
  readonly signal?: AbortSignal;
  readonly now?: () => number;
}

/** Lines read from the end of a file that another file's lines are searched in. */
const TAIL_ENTRIES = 2000;

/** What one log line says about a secret's refresh. */
export type LineVerdict =
  | { readonly kind: 'refreshed' }
  | { readonly kind: 'failed'; readonly reason: string }
  | { readonly kind: 'received' }
  | { readonly kind: 'other' };

// `secretId=42`, `SecretId: 42`, `secret id "42"`: the Serilog templates of the vendor are not published,
// so the id is matched loosely and the verdict from words around it.
const ID = /\bsecret[\s_-]?id\b\s*[=:]?\s*["']?(\d+)["']?/gi;
const FAILED = /\b(fail(?:ed|s|ure)?|error|unable|could not|cannot|exception)\b/i;
const REFRESH = /\brefresh/i;
const SUCCESS = /\b(cache (?:updated|refreshed)|refreshed|updated (?:in )?(?:the )?cache)\b/i;
const RECEIVED = /\b(secret ?changed|received)\b/i;

/**
 * Reads one Credentials Cache log message for `secretId`. The simulator writes
 * `Cache updated for secretId=N` on success and `Failed to refresh secretId=N: <reason>` on
 * failure (`simulators/credentials-cache/server.ts`); other wordings with the same words count too.
 */
export function classifyCacheLogLine(message: string, secretId: number | string, level?: LogEntry['level']): LineVerdict {
  const wanted = String(secretId);
  const ids = [...message.matchAll(ID)];
  const hit = ids.find((m) => m[1] === wanted);
  if (!hit) return { kind: 'other' };
  const failedWords = FAILED.test(message) || level === 'error' || level === 'fatal';
  if (failedWords && REFRESH.test(message)) return { kind: 'failed', reason: reasonOf(message, hit) };
  if (!failedWords && SUCCESS.test(message)) return { kind: 'refreshed' };
  if (RECEIVED.test(message)) return { kind: 'received' };
  return { kind: 'other' };
}

/** Remembers where the instance's current log file ends now; null when there is no readable log. */
export async function markCacheLog(logs: CacheLogReader, logPath: string | undefined): Promise<CacheLogMark | null> {
  if (!logPath?.trim()) return null;
  try {
    const source = await resolveLogSource(logPath);
    if (!source.current) return null;
    const page = await logs.tail(source.current, 1);
    return { path: page.path, fileId: page.fileId, end: page.end };
  } catch {
    return null;
  }
}

/**
 * Confirms a refresh the cache accepted (HTTP 202) from the instance's own log: polls the
 * current log file for a line about `secretId` written after the request, until `windowMs`.
 * Never throws: a missing, unreadable or silent log gives `not-confirmed` with the reason.
 * Fleet calls it after a 202; Pipeline activity calls it with a run's time as `since`.
 */
export async function confirmRefreshFromLog(opts: ConfirmOptions): Promise<RefreshConfirmation> {
  const now = opts.now ?? Date.now;
  const windowMs = opts.windowMs ?? 10_000;
  const deadline = now() + windowMs;
  const seconds = windowMs < 1000 ? `${windowMs} ms` : `${Math.round(windowMs / 1000)} s`;
  if (!opts.logPath?.trim())
    return { state: 'not-confirmed', reason: 'No log path is set for this instance, so its log cannot confirm the refresh.' };
  let why: string;
  let received: string | undefined;
  let after = opts.after ?? null;
  for (;;) {
    if (opts.signal?.aborted) return { state: 'not-confirmed', reason: 'Cancelled before the log confirmed the refresh.' };
    const look = await lookOnce(opts, after);
    if (look.kind === 'verdict') return look.confirmation;
    if (look.kind === 'final') return { state: 'not-confirmed', reason: look.reason };
    why = look.reason;
    received ??= look.received;
    after = look.next ?? after;
    if (now() >= deadline) break;
    await pause(opts.pollMs ?? 250, opts.signal);
  }
  const reason = received
    ? `The cache logged the request but no outcome for secret ${opts.secretId} within ${seconds}.`
    : `${why} within ${seconds}.`;
  return { state: 'not-confirmed', reason, ...(received ? { line: received } : {}) };
}

type Look =
  | { readonly kind: 'verdict'; readonly confirmation: RefreshConfirmation }
  | { readonly kind: 'final'; readonly reason: string }
  | { readonly kind: 'waiting'; readonly reason: string; readonly received?: string; readonly next?: CacheLogMark };

async function lookOnce(opts: ConfirmOptions, after: CacheLogMark | null): Promise<Look> {
  const logPath = (opts.logPath ?? '').trim();
  let source: Awaited<ReturnType<typeof resolveLogSource>>;
  try {
    source = await resolveLogSource(logPath);
  } catch (err) {
    return { kind: 'final', reason: `The log is not reachable: ${messageOf(err)}` };
  }
  if (source.appsettings?.enableLogging === false)
    return {
      kind: 'final',
      reason: `Logging is off (EnableLogging is false in ${source.appsettings.file}), so the log cannot confirm it.`,
    };
  if (!source.current) {
    const warning = source.warnings[0]?.message;
    return {
      kind: 'waiting',
      reason: warning ? `The log is not reachable (${warning}); no line appeared` : `No log file appeared in ${logPath}`,
    };
  }
  let page: LogPage;
  try {
    // The marked file is read on from the mark (however busy the cache); a new, rolled or truncated one from its end.
    const forward = after && after.path === source.current ? await opts.logs.read(after.path, after.end, 'forward', TAIL_ENTRIES) : null;
    page = forward && forward.fileId === after?.fileId ? forward : await opts.logs.tail(source.current, TAIL_ENTRIES);
  } catch (err) {
    return { kind: 'waiting', reason: `The log could not be read (${messageOf(err)}); no line appeared` };
  }
  let received: string | undefined;
  for (const e of newEntries(page, opts.since, after)) {
    const line = firstLine(e.text);
    const v = classifyCacheLogLine(e.message ?? line, opts.secretId, e.level);
    if (v.kind === 'refreshed') return { kind: 'verdict', confirmation: { state: 'refreshed', line } };
    if (v.kind === 'failed') return { kind: 'verdict', confirmation: { state: 'failed', reason: v.reason, line } };
    if (v.kind === 'received') received ??= line;
  }
  return {
    kind: 'waiting',
    reason: `No line about the refresh of secret ${opts.secretId} in ${page.path}`,
    ...(received ? { received } : {}),
    // Read on from here next time: the lines up to here said nothing about the outcome.
    ...(after && after.path === page.path && after.fileId === page.fileId ? { next: { ...after, end: page.end } } : {}),
  };
}

/** Entries written after the request: past the mark in the marked file, by time in any other. */
function newEntries(page: LogPage, since: Date, after: CacheLogMark | null): readonly LogEntry[] {
  if (after && after.path === page.path && after.fileId === page.fileId) return page.entries.filter((e) => e.offset >= after.end);
  return page.entries.filter((e) => e.ts !== undefined && Date.parse(e.ts) >= since.getTime());
}

function reasonOf(message: string, hit: RegExpMatchArray): string {
  const rest = message
    .slice((hit.index ?? 0) + hit[0].length)
    .replace(/^\s*[:\-–—]\s*/, '')
    .trim();
  return rest || message.trim();
}

function firstLine(text: string): string {
  const line = text.split('\n', 1)[0] ?? '';
  return line.length > 500 ? `${line.slice(0, 500)}…` : line;
}

function messageOf(err: unknown): string {
  return err instanceof ContractError || err instanceof Error ? err.message : String(err);
}

function pause(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

/** ok / status / message of an accepted refresh from what the log said: a failure the cache logged is a failure. */
export function confirmedOutcome(
  status: number,
  secretId: number,
  c: RefreshConfirmation,
): Pick<RefreshOutcome, 'ok' | 'status' | 'message' | 'failedStep' | 'confirmation'> {
  const accepted = `Accepted (HTTP ${status})`;
  switch (c.state) {
    case 'refreshed':
      return { ok: true, status, confirmation: c, message: `${accepted}; the cache's log confirms secret ${secretId} was refreshed.` };
    case 'failed':
      return {
        ok: false,
        status,
        failedStep: 'refresh',
        confirmation: c,
        message: `${accepted}, but the cache could not refresh it: ${c.reason ?? 'see its log'}`,
      };
    case 'not-confirmed':
      return { ok: true, status, confirmation: c, message: `${accepted}; not confirmed: ${c.reason ?? 'the log said nothing'}` };
    default: {
      const never: never = c.state;
      return never;
    }
  }
}

/** A confirmation with the instance's credentials scrubbed from its reason and line. */
export function redactConfirmation(c: RefreshConfirmation, secrets: readonly string[] = []): RefreshConfirmation {
  return {
    state: c.state,
    ...(c.reason ? { reason: redact(c.reason, secrets) } : {}),
    ...(c.line ? { line: redact(c.line, secrets) } : {}),
  };
}
