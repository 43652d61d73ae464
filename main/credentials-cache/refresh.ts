import { ContractError } from '../../contract/errors';
import type { HttpClient } from '../http';
import { toErrorData } from '../ipc/errors';
import { getToken, secretChanged } from './client';
import type { CacheCredentials, CacheInstance, InstanceRefreshResult, RefreshStep } from './types';

/** Options of `refreshSecretEverywhere`. */
export interface RefreshEverywhereOptions {
  /** The HTTP client of each instance's profile (its own CA and proxy). */
  readonly httpFor: (instance: CacheInstance) => HttpClient;
  /** The application account each instance forwards to Secret Server (usually the same for all). */
  readonly credentialsFor: (instance: CacheInstance) => CacheCredentials | Promise<CacheCredentials>;
  /** Instances worked on at once (default 4). */
  readonly concurrency?: number;
  readonly signal?: AbortSignal;
  /** Per-attempt timeout for each call. */
  readonly timeoutMs?: number;
  /** Called as each instance finishes, for progress events. */
  readonly onResult?: (result: InstanceRefreshResult) => void;
  readonly now?: () => number;
}

/** Runs `work` over `items` with at most `limit` in flight; results keep the input order. */
export async function mapWithLimit<T, R>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i] as T, i);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}

/**
 * Asks every instance to re-read `secretId` from Secret Server (token, then secretchanged), several
 * at once. Never throws for one instance: each gets ok, or the failed step and its error.
 * Instances not started before `signal` aborts are reported as CANCELLED.
 */
export async function refreshSecretEverywhere(
  instances: readonly CacheInstance[],
  secretId: string | number,
  opts: RefreshEverywhereOptions,
): Promise<InstanceRefreshResult[]> {
  const now = opts.now ?? (() => performance.now());
  const call = { ...(opts.signal ? { signal: opts.signal } : {}), ...(opts.timeoutMs ? { timeoutMs: opts.timeoutMs } : {}) };
  return mapWithLimit(instances, opts.concurrency ?? 4, async (instance) => {
    const started = now();
    const base = { instanceId: instance.id, name: instance.name };
    let step: RefreshStep | 'not-started' = 'not-started';
    let result: InstanceRefreshResult;
    try {
      if (opts.signal?.aborted) throw new ContractError('CANCELLED', 'Cancelled before this instance was contacted.', { retryable: true });
      const http = opts.httpFor(instance);
      step = 'token';
      const token = await getToken(http, instance, await opts.credentialsFor(instance), call);
      step = 'secretchanged';
      const status = await secretChanged(http, instance, token, secretId, call);
      result = { ...base, ok: true, status, durationMs: now() - started };
    } catch (err) {
      result = { ...base, ok: false, step, error: toErrorData(err), durationMs: now() - started };
    }
    opts.onResult?.(result);
    return result;
  });
}
