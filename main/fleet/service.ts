import { ContractError } from '../../contract/errors';
import type { FleetInstance, RefreshConfirmation, RefreshOutcome, RefreshReport } from '../../contract/channels/fleet';
import type { AppContext } from '../app/context';
import { redact } from '../ipc/redact';
import type { ConnectionService } from '../connections/service';
import type { StoredProfile } from '../connections/profiles';
import { cacheTokenCredentials, secretsOf } from '../connections/resolve';
import { confirmRefreshFromLog, markCacheLog, type CacheLogReader } from '../credentials-cache/confirm';
import { LogService } from '../logs/service';
import { FleetState } from './state';

type CacheProfile = Extract<StoredProfile, { kind: 'credentials-cache' }>;

const UNREACHABLE = new Set(['NETWORK', 'TLS', 'TIMEOUT']);

/** Runs `fn` over `items` with at most `limit` in flight, keeping the input order in the result. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/** Fleet: every Credentials Cache profile, its health, and refreshing a secret on one or all. */
export class FleetService {
  readonly state: FleetState;

  constructor(
    private readonly ctx: Pick<AppContext, 'dataDir' | 'events'>,
    private readonly connections: ConnectionService,
    /** Reads the instances' logs to confirm a refresh; `confirmWindowMs` is how long to wait for the outcome line. */
    private readonly confirm: { readonly logs: CacheLogReader; readonly windowMs?: number } = { logs: new LogService() },
  ) {
    this.state = new FleetState(ctx.dataDir);
  }

  /** Instances with their last known state; `check` probes each (swagger + token) first. */
  async list(check: boolean, signal?: AbortSignal): Promise<FleetInstance[]> {
    const profiles = this.instances();
    this.state.prune(new Set(profiles.map((p) => p.id)));
    if (check) await mapLimit(profiles, 4, (p) => this.check(p, signal));
    return profiles.map((p) => this.view(p));
  }

  /** Probes one instance: swagger page (reachable) and `/api/token` (token works). No event: the caller asked and gets the answer. */
  async check(p: CacheProfile, signal?: AbortSignal): Promise<void> {
    const at = new Date().toISOString();
    const secrets = secretsOf(this.connections.store, p);
    try {
      const api = await this.connections.clients.cacheApi(p);
      const page = await api.swagger(signal);
      if (!page.ok) {
        this.state.setHealth(p.id, {
          reachable: 'down',
          token: 'unknown',
          message: page.message ?? `Swagger page answered ${page.status ?? '?'}.`,
          checkedAt: at,
        });
        return;
      }
      const creds = cacheTokenCredentials(this.connections.store, p);
      if (!creds) {
        this.state.setHealth(p.id, {
          reachable: 'up',
          token: 'unknown',
          message: 'Reachable; no Secret Server profile is linked, so the token was not checked.',
          checkedAt: at,
        });
        return;
      }
      await api.token(creds, signal);
      this.state.setHealth(p.id, { reachable: 'up', token: 'ok', message: 'Reachable; token obtained.', checkedAt: at });
    } catch (err) {
      const e = asContract(err);
      if (e.code === 'CANCELLED') throw e;
      const down = UNREACHABLE.has(e.code);
      this.state.setHealth(p.id, {
        reachable: down ? 'down' : 'up',
        token: down ? 'unknown' : 'failed',
        message: redact(e.message, secrets),
        checkedAt: at,
      });
    }
  }

  /** Refreshes one secret on the chosen instances (all when none given), streaming each outcome. */
  async refresh(
    secretId: number,
    profileIds: readonly string[] | undefined,
    signal: AbortSignal,
    onResult: (o: RefreshOutcome, done: number, total: number) => void = () => undefined,
  ): Promise<RefreshReport> {
    const all = this.instances();
    const chosen = profileIds ? profileIds.map((id) => all.find((p) => p.id === id) ?? missing(id)) : all;
    if (!chosen.length)
      throw new ContractError('NOT_FOUND', 'No Credentials Cache instance is configured. Add one on the Connections screen.');
    let done = 0;
    const results = await mapLimit(chosen, 4, async (p) => {
      const o = await this.refreshOne(p, secretId, signal);
      onResult(o, ++done, chosen.length);
      return o;
    });
    if (signal.aborted) throw new ContractError('CANCELLED', 'Cancelled', { retryable: true });
    this.state.recordRefreshes(results);
    this.ctx.events.emit('fleet:changed', {});
    const succeeded = results.filter((r) => r.ok).length;
    return { secretId, results, succeeded, failed: results.length - succeeded };
  }

  private async refreshOne(p: CacheProfile, secretId: number, signal: AbortSignal): Promise<RefreshOutcome> {
    const started = performance.now();
    const secrets = secretsOf(this.connections.store, p);
    const base = { profileId: p.id, name: p.name, secretId };
    const finish = (o: Pick<RefreshOutcome, 'ok' | 'message'> & Partial<RefreshOutcome>): RefreshOutcome => ({
      ...base,
      ...o,
      message: redact(o.message, secrets),
      at: new Date().toISOString(),
      durationMs: Math.round(performance.now() - started),
    });
    const creds = cacheTokenCredentials(this.connections.store, p);
    if (!creds)
      return finish({
        ok: false,
        failedStep: 'token',
        message: 'No Secret Server profile is linked to this instance, so no token can be requested. Edit it on the Connections screen.',
      });
    let step: 'token' | 'refresh' = 'token';
    try {
      const api = await this.connections.clients.cacheApi(p);
      const token = await api.token(creds, signal);
      step = 'refresh';
      const since = new Date();
      const mark = await markCacheLog(this.confirm.logs, p.logPath);
      const status = await api.secretChanged(token, secretId, signal);
      const { logs, windowMs } = this.confirm;
      const confirmation = await confirmRefreshFromLog({ logs, logPath: p.logPath, secretId, since, after: mark, signal, windowMs });
      return finish({ ...acceptedOutcome(status, secretId, confirmation), confirmation: redactConfirmation(confirmation, secrets) });
    } catch (err) {
      const e = asContract(err);
      if (e.code === 'CANCELLED') return finish({ ok: false, failedStep: step, message: 'Cancelled.' });
      const status = typeof e.details?.status === 'number' ? e.details.status : undefined;
      return finish({ ok: false, failedStep: UNREACHABLE.has(e.code) ? 'reach' : step, ...(status ? { status } : {}), message: e.message });
    }
  }

  private instances(): CacheProfile[] {
    return this.connections.store.list().filter((p): p is CacheProfile => p.kind === 'credentials-cache');
  }

  private view(p: CacheProfile): FleetInstance {
    const h = this.state.healthOf(p.id);
    const last = this.state.lastRefresh(p.id);
    return {
      profileId: p.id,
      name: p.name,
      url: p.url,
      ...(p.siteLabel ? { siteLabel: p.siteLabel } : {}),
      ...(p.logPath ? { logPath: p.logPath } : {}),
      reachable: h?.reachable ?? 'unknown',
      token: h?.token ?? 'unknown',
      ...(h?.message ? { message: h.message } : {}),
      ...(h?.checkedAt ? { checkedAt: h.checkedAt } : {}),
      ...(last ? { lastRefresh: last } : {}),
    };
  }
}

/** ok / message of an accepted refresh from what the log said: a failure the cache logged is a failure. */
function acceptedOutcome(
  status: number,
  secretId: number,
  c: RefreshConfirmation,
): Pick<RefreshOutcome, 'ok' | 'status' | 'message' | 'failedStep'> {
  const accepted = `Accepted (HTTP ${status})`;
  switch (c.state) {
    case 'refreshed':
      return { ok: true, status, message: `${accepted}; the cache's log confirms secret ${secretId} was refreshed.` };
    case 'failed':
      return {
        ok: false,
        status,
        failedStep: 'refresh',
        message: `${accepted}, but the cache could not refresh it: ${c.reason ?? 'see its log'}`,
      };
    case 'not-confirmed':
      return { ok: true, status, message: `${accepted}; not confirmed: ${c.reason ?? 'the log said nothing'}` };
    default: {
      const never: never = c.state;
      return never;
    }
  }
}

function redactConfirmation(c: RefreshConfirmation, secrets: readonly string[]): RefreshConfirmation {
  return {
    state: c.state,
    ...(c.reason ? { reason: redact(c.reason, secrets) } : {}),
    ...(c.line ? { line: redact(c.line, secrets) } : {}),
  };
}

function asContract(err: unknown): ContractError {
  return err instanceof ContractError ? err : new ContractError('INTERNAL', err instanceof Error ? err.message : String(err));
}

function missing(id: string): never {
  throw new ContractError('NOT_FOUND', `No Credentials Cache instance with id ${id}.`, { details: { field: 'profileIds' } });
}
