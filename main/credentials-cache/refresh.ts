import type { RefreshOutcome } from '../../contract/channels/fleet';
import { asContractError, cancelled } from '../shared/errors';
import { mapLimit } from '../shared/map-limit';
import { redact } from '../shared/redact';
import type { CacheApi } from './api';
import { confirmedOutcome, confirmRefreshFromLog, markCacheLog, redactConfirmation, type RefreshConfirmOptions } from './confirm';
import type { CacheCredentials, CacheInstance } from './types';

/** One instance to refresh: its API, the account its token forwards (absent when none is linked), what to scrub. */
export interface RefreshTarget {
  readonly instance: CacheInstance;
  readonly api: () => CacheApi | Promise<CacheApi>;
  readonly credentials: CacheCredentials | undefined;
  /** Credentials of this instance's profiles, scrubbed from its message besides the generic patterns. */
  readonly secrets?: readonly string[];
  /** The instance's log (folder, file, install folder or appsettings.json): confirms an accepted refresh. */
  readonly logPath?: string;
}

/** Options of `refreshSecretEverywhere`. */
export interface RefreshEverywhereOptions {
  /** Instances worked on at once (default 4). */
  readonly concurrency?: number;
  readonly signal?: AbortSignal;
  /** Called as each instance finishes, for progress events. */
  readonly onResult?: (outcome: RefreshOutcome, done: number, total: number) => void;
  /** After a 202, read the instance's log for the outcome (`confirmRefreshFromLog`); without it a 202 stays "accepted". */
  readonly confirm?: RefreshConfirmOptions;
  readonly now?: () => number;
}

/** Codes that mean the instance itself did not answer. */
const UNREACHABLE = new Set(['NETWORK', 'TLS', 'TIMEOUT']);

/**
 * Asks every instance to re-read `secretId` from Secret Server (`/api/token`, then
 * `/api/secretchanged`), several at once. Never throws for one instance: each gets an outcome
 * in the contract's shape, ok or with the failed step (reach, token, refresh) and a redacted
 * message. Instances not started before `signal` aborts are reported as cancelled.
 */
export async function refreshSecretEverywhere(
  targets: readonly RefreshTarget[],
  secretId: number,
  opts: RefreshEverywhereOptions = {},
): Promise<RefreshOutcome[]> {
  const now = opts.now ?? (() => performance.now());
  let done = 0;
  return mapLimit(targets, opts.concurrency ?? 4, async (target) => {
    const outcome = await refreshOne(target, secretId, opts, now);
    opts.onResult?.(outcome, ++done, targets.length);
    return outcome;
  });
}

async function refreshOne(t: RefreshTarget, secretId: number, opts: RefreshEverywhereOptions, now: () => number): Promise<RefreshOutcome> {
  const signal = opts.signal;
  const started = now();
  const finish = (o: Pick<RefreshOutcome, 'ok' | 'message'> & Partial<RefreshOutcome>): RefreshOutcome => ({
    profileId: t.instance.id,
    name: t.instance.name,
    secretId,
    ...o,
    message: redact(o.message, t.secrets),
    at: new Date().toISOString(),
    durationMs: Math.max(0, Math.round(now() - started)),
  });
  if (signal?.aborted) return finish({ ok: false, message: 'Cancelled before this instance was contacted.' });
  if (!t.credentials)
    return finish({
      ok: false,
      failedStep: 'token',
      message: 'No Secret Server profile is linked to this instance, so no token can be requested. Edit it on the Connections screen.',
    });
  let step: 'token' | 'refresh' = 'token';
  try {
    const api = await t.api();
    const token = await api.token(t.credentials, signal);
    step = 'refresh';
    if (signal?.aborted) throw cancelled();
    const since = new Date();
    const mark = opts.confirm ? await markCacheLog(opts.confirm.logs, t.logPath) : null;
    const status = await api.secretChanged(token, secretId, signal);
    if (opts.confirm) {
      const { logs, windowMs } = opts.confirm;
      const c = await confirmRefreshFromLog({
        logs,
        logPath: t.logPath,
        secretId,
        since,
        after: mark,
        windowMs,
        ...(signal ? { signal } : {}),
      });
      return finish(confirmedOutcome(status, secretId, redactConfirmation(c, t.secrets)));
    }
    return finish({
      ok: true,
      status,
      message: `Accepted (HTTP ${status}): the cache fetches secret ${secretId} from Secret Server and updates its copy.`,
    });
  } catch (err) {
    const e = asContractError(err);
    if (e.code === 'CANCELLED') return finish({ ok: false, failedStep: step, message: 'Cancelled.' });
    const status = typeof e.details?.status === 'number' ? e.details.status : undefined;
    return finish({ ok: false, failedStep: UNREACHABLE.has(e.code) ? 'reach' : step, ...(status ? { status } : {}), message: e.message });
  }
}

/** True for an error code that means the instance did not answer at all. */
export function isUnreachable(code: string): boolean {
  return UNREACHABLE.has(code);
}
