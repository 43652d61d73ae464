import { request as undiciRequest, type Dispatcher } from 'undici';
import { ContractError } from '../../contract/errors';
import {
  DEFAULT_RETRY,
  backoffDelay,
  isRetryableStatus,
  isSafeToRepeatStatus,
  parseRetryAfter,
  realSleep,
  type RetryPolicy,
  type SleepFn,
} from './retry';
import { errorCodeOf, httpError, safeUrl, transportError } from './errors';
import { buildUrl, encodeBody, type QueryValue } from './encode';
import { cancelled } from '../shared/errors';
import { defaultDispatcher } from './dispatcher';

/** One HTTP call. Exactly one of `json`, `form` or `body` may be given. */
export interface HttpRequest {
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD';
  readonly url: string | URL;
  readonly query?: Readonly<Record<string, QueryValue>>;
  readonly headers?: Readonly<Record<string, string>>;
  readonly json?: unknown;
  readonly form?: Readonly<Record<string, string | undefined>>;
  readonly body?: string;
  readonly signal?: AbortSignal;
  /** Per-attempt timeout; defaults to the client's. */
  readonly timeoutMs?: number;
  /** `false` disables retries for this call. */
  readonly retry?: Partial<RetryPolicy> | false;
  /** May this call be repeated after a reset or 502/504? Defaults to true for GET/HEAD/PUT/DELETE. */
  readonly idempotent?: boolean;
}

/** A received answer of any status; the body is read fully as text. */
export interface HttpResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly text: string;
  readonly url: string;
}

/** Emitted before each retry, for logs and progress ("throttled, retrying in 2 s"). */
export interface RetryInfo {
  readonly attempt: number;
  readonly delayMs: number;
  readonly reason: string;
  readonly url: string;
}

/** Settings shared by every call a client makes. */
export interface HttpClientOptions {
  readonly dispatcher?: Dispatcher;
  readonly timeoutMs?: number;
  readonly retry?: Partial<RetryPolicy>;
  readonly sleep?: SleepFn;
  readonly random?: () => number;
  readonly now?: () => number;
  /** Values to scrub from every error message besides the generic patterns (passwords, tokens). */
  readonly secrets?: () => readonly string[];
  readonly onRetry?: (info: RetryInfo) => void;
  readonly userAgent?: string;
}

/** The small shared HTTP client every backend client is built on. */
export interface HttpClient {
  /** Sends with timeout, cancellation and retry; resolves with any status, rejects only on transport failure. */
  request(req: HttpRequest): Promise<HttpResponse>;
  /** Secrets registered with this client, for callers building their own errors. */
  secrets(): readonly string[];
}

const RESET_CODES = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED']);
const IDEMPOTENT = new Set(['GET', 'HEAD', 'PUT', 'DELETE']);

/** Creates a client; keep one per profile so "connection refused mid-run" can be told from a wrong port. */
export function createHttpClient(opts: HttpClientOptions = {}): HttpClient {
  const sleep = opts.sleep ?? realSleep;
  const random = opts.random ?? Math.random;
  const now = opts.now ?? Date.now;
  const secrets = (): readonly string[] => opts.secrets?.() ?? [];
  let everConnected = false;

  async function once(req: HttpRequest, url: string): Promise<HttpResponse> {
    const timeoutMs = req.timeoutMs ?? opts.timeoutMs ?? 30_000;
    const timer = new AbortController();
    const handle = setTimeout(() => timer.abort(new Error('timeout')), timeoutMs);
    const signal = req.signal ? AbortSignal.any([req.signal, timer.signal]) : timer.signal;
    const { body, contentType } = encodeBody(req);
    const headers: Record<string, string> = { accept: 'application/json', ...(opts.userAgent ? { 'user-agent': opts.userAgent } : {}) };
    if (contentType) headers['content-type'] = contentType;
    Object.assign(headers, req.headers);
    try {
      const res = await undiciRequest(url, {
        method: req.method,
        headers,
        body,
        signal,
        dispatcher: opts.dispatcher ?? defaultDispatcher(),
      });
      const text = await res.body.text();
      everConnected = true;
      const flat: Record<string, string> = {};
      for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) flat[k] = Array.isArray(v) ? v.join(', ') : v;
      return { status: res.statusCode, headers: flat, text, url };
    } catch (err) {
      if (req.signal?.aborted) throw cancelled('Cancelled', { details: { url: safeUrl(url) }, cause: err });
      if (timer.signal.aborted) {
        throw httpError(
          'TIMEOUT',
          `${new URL(url).host} did not answer within ${timeoutMs < 1000 ? `${timeoutMs} ms` : `${Math.round(timeoutMs / 1000)} s`}.`,
          {
            retryable: true,
            details: { url: safeUrl(url) },
            cause: err,
          },
        );
      }
      throw err;
    } finally {
      clearTimeout(handle);
    }
  }

  async function request(req: HttpRequest): Promise<HttpResponse> {
    const url = buildUrl(req.url, req.query);
    const policy: RetryPolicy =
      req.retry === false ? { ...DEFAULT_RETRY, maxAttempts: 1 } : { ...DEFAULT_RETRY, ...opts.retry, ...req.retry };
    const idempotent = req.idempotent ?? IDEMPOTENT.has(req.method);
    for (let attempt = 1; ; attempt++) {
      let delay: number | undefined;
      let reason: string;
      try {
        const res = await once(req, url);
        const canRepeat = isRetryableStatus(res.status) && (idempotent || isSafeToRepeatStatus(res.status));
        if (!canRepeat || attempt >= policy.maxAttempts) return res;
        const retryAfter = parseRetryAfter(res.headers['retry-after'], now());
        if (retryAfter !== undefined && retryAfter > policy.maxRetryAfterMs) return res;
        delay = backoffDelay(attempt, policy, random, retryAfter);
        reason = `HTTP ${res.status}`;
      } catch (err) {
        if (err instanceof ContractError) throw err;
        const code = errorCodeOf(err) ?? '';
        const transient = RESET_CODES.has(code) || (code === 'ECONNREFUSED' && everConnected);
        if (!transient || !idempotent || attempt >= policy.maxAttempts) throw transportError(err, url, secrets());
        delay = backoffDelay(attempt, policy, random);
        reason = code;
      }
      opts.onRetry?.({ attempt, delayMs: delay, reason, url: safeUrl(url) });
      try {
        await sleep(delay, req.signal);
      } catch (err) {
        throw cancelled('Cancelled', { details: { url: safeUrl(url) }, cause: err });
      }
    }
  }

  return { request, secrets };
}
