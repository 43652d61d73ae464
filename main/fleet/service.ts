import { ContractError } from '../../contract/errors';
import type { FleetInstance, RefreshReport } from '../../contract/channels/fleet';
import type { AppContext } from '../app/context';
import type { ConnectionService } from '../connections/service';
import type { StoredProfile } from '../connections/profiles';
import { cacheTokenCredentials, secretsOf } from '../connections/resolve';
import { isUnreachable, refreshSecretEverywhere, type RefreshConfirmOptions, type RefreshEverywhereOptions } from '../credentials-cache';
import { LogService } from '../logs/service';
import { asContractError, cancelled } from '../shared/errors';
import { mapLimit } from '../shared/map-limit';
import { redact } from '../shared/redact';
import { FleetState } from './state';

type CacheProfile = Extract<StoredProfile, { kind: 'credentials-cache' }>;

/** Fleet: every Credentials Cache profile, its health, and refreshing a secret on one or all. */
export class FleetService {
  readonly state: FleetState;

  constructor(
    private readonly ctx: Pick<AppContext, 'dataDir' | 'events'>,
    private readonly connections: ConnectionService,
    /** Reads the instances' logs to confirm a refresh a cache accepted; `windowMs` is how long to wait for the outcome line. */
    private readonly confirm: RefreshConfirmOptions = { logs: new LogService() },
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
      const e = asContractError(err);
      if (e.code === 'CANCELLED') throw e;
      const down = isUnreachable(e.code);
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
    onResult: RefreshEverywhereOptions['onResult'] = () => undefined,
  ): Promise<RefreshReport> {
    const all = this.instances();
    const chosen = profileIds ? profileIds.map((id) => all.find((p) => p.id === id) ?? missing(id)) : all;
    if (!chosen.length)
      throw new ContractError('NOT_FOUND', 'No Credentials Cache instance is configured. Add one on the Connections screen.');
    const store = this.connections.store;
    const targets = chosen.map((p) => ({
      instance: { id: p.id, name: p.name, url: p.url },
      api: () => this.connections.clients.cacheApi(p),
      credentials: cacheTokenCredentials(store, p),
      secrets: secretsOf(store, p),
      ...(p.logPath ? { logPath: p.logPath } : {}),
    }));
    const results = await refreshSecretEverywhere(targets, secretId, { signal, concurrency: 4, onResult, confirm: this.confirm });
    if (signal.aborted) throw cancelled();
    this.state.recordRefreshes(results);
    this.ctx.events.emit('fleet:changed', {});
    const succeeded = results.filter((r) => r.ok).length;
    return { secretId, results, succeeded, failed: results.length - succeeded };
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

function missing(id: string): never {
  throw new ContractError('NOT_FOUND', `No Credentials Cache instance with id ${id}.`, { details: { field: 'profileIds' } });
}
