/** When and how long to wait before trying a request again. */
export interface RetryPolicy {
  /** Total attempts including the first (1 = no retry). */
  readonly maxAttempts: number;
  /** First backoff step in milliseconds; doubles each attempt. */
  readonly baseDelayMs: number;
  /** Upper bound for one computed backoff. */
  readonly maxDelayMs: number;
  /** A Retry-After longer than this is not waited for; the THROTTLED error is thrown instead. */
  readonly maxRetryAfterMs: number;
}

/** Defaults sized for an interactive console: about 7 s of waiting at most. */
export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 5, baseDelayMs: 250, maxDelayMs: 4_000, maxRetryAfterMs: 60_000 };

/** Statuses worth retrying: throttling and gateway/availability failures (never other 4xx). */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || status === 502 || status === 503 || status === 504;
}

/** Statuses the server guarantees it did not act on, so even a POST may be repeated. */
export function isSafeToRepeatStatus(status: number): boolean {
  return status === 429 || status === 503;
}

/** Parses a Retry-After header (delta seconds or HTTP date) into milliseconds from `now`. */
export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/**
 * Backoff before retry number `retry` (1-based): "equal jitter" so concurrent clients spread
 * out but never retry instantly; a server's Retry-After wins when it is longer.
 */
export function backoffDelay(retry: number, policy: RetryPolicy, random: () => number, retryAfterMs?: number): number {
  const exp = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
  const jittered = exp / 2 + random() * (exp / 2);
  return Math.max(Math.round(jittered), retryAfterMs ?? 0);
}

export { realSleep, type SleepFn } from '../shared/sleep';
