import type { EngineState } from '../../contract/channels/activity';
import { listEngines, listSites } from '../secret-server';
import { getPipeline, listPipelines, listPolicies } from '../secret-server';
import type { SecretServerClient } from '../secret-server';

/** What the runs table needs to know about one pipeline beyond the run record. */
export interface PipelineInfo {
  readonly id: number;
  readonly name: string;
  readonly policies: ReadonlyArray<{ readonly id: number; readonly name: string }>;
  /** The Run Site of its Run Script task (setting named like "site" holding a site id). */
  readonly siteId: number | null;
  /** The Run Script task's arguments as configured (tokens, never values). */
  readonly scriptArgs: string | null;
}

/** A site and its engines now. */
export interface SiteInfo {
  readonly id: number;
  readonly name: string;
  readonly engines: readonly EngineState[];
}

const TTL_MS = 60_000;

/**
 * Names and configuration around runs, read from Secret Server and kept for a minute per
 * profile: policies and the pipelines in each, a pipeline's Run Site, sites and their engines.
 * `fresh()` drops everything (re-check).
 */
export class ActivityCatalog {
  private policiesAt = 0;
  private policies: Promise<Map<number, Array<{ id: number; name: string }>>> | undefined;
  private readonly pipelines = new Map<number, { at: number; info: Promise<PipelineInfo | null> }>();
  private sites: { at: number; list: Promise<Map<number, string>> } | undefined;
  private readonly engines = new Map<number, { at: number; list: Promise<EngineState[]> }>();

  constructor(
    private readonly client: () => Promise<SecretServerClient>,
    private readonly now: () => number = Date.now,
  ) {}

  /** Forgets everything read so far. */
  fresh(): void {
    this.policies = undefined;
    this.pipelines.clear();
    this.sites = undefined;
    this.engines.clear();
  }

  /** Pipeline → the policies holding it. */
  async policiesByPipeline(signal?: AbortSignal): Promise<Map<number, Array<{ id: number; name: string }>>> {
    if (!this.policies || this.now() - this.policiesAt > TTL_MS) {
      this.policiesAt = this.now();
      this.policies = this.readPolicies(signal);
      this.policies.catch(() => (this.policies = undefined));
    }
    return this.policies;
  }

  /** One pipeline's names, policies, site and script arguments; null when it cannot be read (deleted, no right). */
  pipeline(id: number, signal?: AbortSignal): Promise<PipelineInfo | null> {
    const hit = this.pipelines.get(id);
    if (hit && this.now() - hit.at < TTL_MS) return hit.info;
    const info = this.readPipeline(id, signal);
    this.pipelines.set(id, { at: this.now(), info });
    return info;
  }

  /** A site's name and engines now; null when the site is unknown. */
  async site(siteId: number, signal?: AbortSignal): Promise<SiteInfo | null> {
    if (!this.sites || this.now() - this.sites.at > TTL_MS) {
      const list = this.client()
        .then((c) => listSites(c, { includeInactive: true, signal }))
        .then((sites) => new Map(sites.map((s) => [s.siteId ?? 0, s.siteName ?? ''])));
      list.catch(() => (this.sites = undefined));
      this.sites = { at: this.now(), list };
    }
    const name = (await this.sites.list).get(siteId);
    if (name === undefined) return null;
    let engines = this.engines.get(siteId);
    if (!engines || this.now() - engines.at > TTL_MS) {
      const list = this.client()
        .then((c) => listEngines(c, { siteId, signal }))
        .then((rows) =>
          rows.map((e) => ({
            id: e.engineId ?? 0,
            name: e.friendlyName ?? '',
            host: e.hostName ?? '',
            connection: e.connectionStatus ?? 'Offline',
            activation: e.activationStatus ?? 'Pending',
            onlineNow: e.connectionStatus === 'Online' && e.activationStatus === 'Activated',
            lastConnected: e.lastConnected ?? null,
          })),
        );
      list.catch(() => this.engines.delete(siteId));
      engines = { at: this.now(), list };
      this.engines.set(siteId, engines);
    }
    return { id: siteId, name, engines: await engines.list };
  }

  private async readPolicies(signal?: AbortSignal): Promise<Map<number, Array<{ id: number; name: string }>>> {
    const c = await this.client();
    const byPipeline = new Map<number, Array<{ id: number; name: string }>>();
    for (const p of await listPolicies(c, { signal })) {
      const id = p.eventPipelinePolicyId ?? 0;
      for (const pl of await listPipelines(c, { policyId: id, signal })) {
        const list = byPipeline.get(pl.eventPipelineId ?? 0) ?? [];
        if (!list.some((x) => x.id === id)) list.push({ id, name: p.eventPipelinePolicyName ?? `Policy ${id}` });
        byPipeline.set(pl.eventPipelineId ?? 0, list);
      }
    }
    return byPipeline;
  }

  private async readPipeline(id: number, signal?: AbortSignal): Promise<PipelineInfo | null> {
    try {
      const c = await this.client();
      const [model, policies] = await Promise.all([getPipeline(c, id, signal), this.policiesByPipeline(signal)]);
      const settings = (model.taskList ?? []).flatMap((t) => t.settings ?? []);
      const named = (re: RegExp) => settings.filter((s) => re.test(s.setting?.settingName ?? '') || re.test(s.settingDisplay ?? ''));
      const value = (re: RegExp) => named(re)[0]?.settingValue ?? null;
      // "Run Site" holds a site id; "Use site run as secret" is a flag and must not be taken for it.
      const site = named(/site/i).find(
        (s) => /^\d+$/.test(s.settingValue ?? '') && !/run\s*as/i.test(s.setting?.settingName ?? ''),
      )?.settingValue;
      return {
        id,
        name: model.eventPipelineName ?? `Pipeline ${id}`,
        policies: policies.get(id) ?? [],
        siteId: site ? Number(site) : null,
        scriptArgs: value(/arg/i),
      };
    } catch (err) {
      if (signal?.aborted) throw err;
      // A deleted pipeline or one the account may not read: the row shows without site and policy.
      return null;
    }
  }
}
