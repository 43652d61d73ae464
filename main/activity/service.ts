import { ContractError } from '../../contract';
import type {
  ActivitySummary,
  Correlation,
  CorrelatedLine,
  CorrelationSource,
  RunDetail,
  RunFilter,
  RunSortField,
  RunStatus,
  RunsPage,
  ActivityPolicyOption,
} from '../../contract/channels/activity';
import type { ConnectionService } from '../connections/service';
import type { Of } from '../connections/resolve';
import type { LogService } from '../logs/service';
import { getRunsPage } from '../secret-server';
import { asContractError } from '../shared/errors';
import { ActivityCatalog } from './catalog';
import { classifyRun } from './causes';
import { correlateSource, type SourceSpec } from './correlate';
import { runDetail } from './detail';
import { epochOf } from './run-order';
import { RunsQuery, type RunsWanted } from './runs-query';
import { toRows } from './rows';

/** What the activity service is built from. */
export interface ActivityDeps {
  readonly connections: Pick<ConnectionService, 'store' | 'clients'>;
  readonly logs: LogService;
  /** Where the Distributed Engine log is read from when a request names none (the demo's own engine log in the demo). */
  readonly engineLogPath: () => string;
  readonly now?: () => number;
}

/** Sort of the runs table. */
export interface RunSort {
  readonly field: RunSortField;
  readonly direction: 'asc' | 'desc';
}

/** A run reference as the channels send it. */
export interface RunRef {
  readonly profileId?: string;
  readonly runId: string;
  readonly pipelineId?: number;
}

/** Codes that mean Secret Server itself could not be used: the message then names the profile. */
const UNREACHABLE = new Set(['NETWORK', 'TLS', 'TIMEOUT', 'UNAVAILABLE', 'UNAUTHENTICATED', 'BAD_RESPONSE']);

/**
 * Pipeline activity over the Secret Server profiles: runs pages (server-side paging, sorting and
 * filtering through `RunsQuery`), run detail, log correlation through the LogService, and the
 * Overview summary. One query planner and one catalogue per profile, rebuilt when the profile changes.
 */
export class ActivityService {
  private readonly perProfile = new Map<string, { version: string; query: RunsQuery; catalog: ActivityCatalog }>();

  constructor(private readonly deps: ActivityDeps) {}

  /** The Secret Server profile to read: the one named, or the only one. */
  profile(profileId?: string): Of<'secret-server'> {
    const all = this.deps.connections.store.list().filter((p): p is Of<'secret-server'> => p.kind === 'secret-server');
    if (profileId !== undefined) {
      const p = all.find((x) => x.id === profileId || x.name.toLowerCase() === profileId.toLowerCase());
      if (!p)
        throw new ContractError('NOT_FOUND', `No Secret Server profile "${profileId}". Known: ${names(all)}.`, {
          details: { field: 'profileId' },
        });
      return p;
    }
    if (!all.length)
      throw new ContractError('NOT_FOUND', 'No Secret Server profile: add one on the Connections screen.', {
        details: { field: 'profileId' },
      });
    if (all.length > 1)
      throw new ContractError('VALIDATION', `Several Secret Server profiles exist (${names(all)}): choose one.`, {
        details: { field: 'profileId' },
      });
    return all[0] as Of<'secret-server'>;
  }

  /** A page of runs. */
  async runs(req: RunFilter & { page: number; pageSize: number; sort: RunSort }, signal?: AbortSignal): Promise<RunsPage> {
    const p = this.profile(req.profileId);
    return this.named(p, async () => {
      const { query, catalog } = this.bundle(p);
      const wanted = await this.wanted(req, catalog, signal);
      const got = wanted
        ? await query.page(wanted, req.sort, req.page, req.pageSize, signal)
        : { rows: [], total: 0, totalExact: true, hasMore: false, strategy: 'The filters exclude each other: nothing to read.' };
      return {
        rows: await toRows(got.rows, catalog, signal),
        page: req.page,
        pageSize: req.pageSize,
        total: got.total,
        totalExact: got.totalExact,
        hasMore: got.hasMore,
        strategy: got.strategy,
        profile: { id: p.id, name: p.name },
        fetchedAt: new Date(this.now()).toISOString(),
      };
    });
  }

  /** Every run matching the filters, in order, a chunk at a time (export). */
  async *allRuns(req: RunFilter & { sort: RunSort }, signal?: AbortSignal) {
    const p = this.profile(req.profileId);
    const { query, catalog } = this.bundle(p);
    const wanted = await this.named(p, () => this.wanted(req, catalog, signal));
    if (!wanted) return;
    let batch = [];
    for await (const r of query.all(wanted, req.sort, signal)) {
      batch.push(r);
      if (batch.length >= 200) {
        yield await toRows(batch, catalog, signal);
        batch = [];
      }
    }
    if (batch.length) yield await toRows(batch, catalog, signal);
  }

  /** One run in detail; `fresh` re-reads the catalogue (re-check). */
  async run(ref: RunRef, fresh = false, signal?: AbortSignal): Promise<RunDetail> {
    const p = this.profile(ref.profileId);
    const { catalog } = this.bundle(p);
    if (fresh) catalog.fresh();
    return this.named(p, async () => ({
      ...(await runDetail(await this.deps.connections.clients.secretServer(p.id), p.baseUrl, catalog, ref, signal)),
      profile: { id: p.id, name: p.name },
      fetchedAt: new Date(this.now()).toISOString(),
    }));
  }

  /** Log lines around a run from every (or the chosen) cache instance and the engine log, and the cause with them. */
  async correlate(
    req: RunRef & { windowMinutes: number; instanceIds?: readonly string[]; engineLogPath?: string; maxLinesPerSource: number },
    onSource: (s: CorrelationSource) => void = () => undefined,
    signal?: AbortSignal,
    known?: RunDetail,
  ): Promise<Correlation & { detail: RunDetail }> {
    const detail = known ?? (await this.run(req, false, signal));
    const { run } = detail;
    const pad = req.windowMinutes * 60_000;
    const start = epochOf(run.queuedAt ?? run.eventTime) ?? this.now();
    const end = epochOf(run.endedAt) ?? this.now();
    const window = { from: start - pad, to: Math.max(end, start) + pad, secretId: run.secret.id, alsoIds: [run.runId] };
    const caches = this.deps.connections.store
      .list()
      .filter((p): p is Of<'credentials-cache'> => p.kind === 'credentials-cache')
      .filter((p) => !req.instanceIds || req.instanceIds.includes(p.id));
    if (req.instanceIds) {
      const unknown = req.instanceIds.filter((id) => !caches.some((c) => c.id === id));
      if (unknown.length)
        throw new ContractError('NOT_FOUND', `No Credentials Cache instance with id ${unknown.join(', ')}.`, {
          details: { field: 'instanceIds' },
        });
    }
    const specs: SourceSpec[] = [
      ...caches.map((c) => ({ kind: 'cache' as const, instance: c.name, profileId: c.id, ...(c.logPath ? { logPath: c.logPath } : {}) })),
      { kind: 'engine', instance: 'Distributed Engine', logPath: req.engineLogPath ?? this.deps.engineLogPath() },
    ];
    const sources: CorrelationSource[] = [];
    const lines: CorrelatedLine[] = [];
    for (const spec of specs) {
      const got = await correlateSource(this.deps.logs, spec, window, req.maxLinesPerSource, signal);
      sources.push(got.source);
      lines.push(...got.lines);
      onSource(got.source);
    }
    lines.sort((a, b) => (epochOf(a.time) ?? 0) - (epochOf(b.time) ?? 0));
    return {
      runId: run.runId,
      secretId: run.secret.id,
      window: { from: new Date(window.from).toISOString(), to: new Date(window.to).toISOString(), minutes: req.windowMinutes },
      sources,
      lines,
      cause: classifyRun({ status: run.status, tasks: detail.tasks, lines, engines: detail.site?.engines ?? null }),
      detail,
    };
  }

  /** Policies and their pipelines (names from the catalogue, a minute old at most). */
  async policies(req: { profileId?: string }, signal?: AbortSignal): Promise<ActivityPolicyOption[]> {
    const p = this.profile(req.profileId);
    return this.named(p, async () => {
      const { catalog } = this.bundle(p);
      const byPolicy = new Map<number, ActivityPolicyOption & { pipelines: Array<{ id: number; name: string }> }>();
      for (const [pipelineId, policies] of await catalog.policiesByPipeline(signal)) {
        const name = (await catalog.pipeline(pipelineId, signal))?.name ?? `Pipeline ${pipelineId}`;
        for (const pol of policies) {
          const entry = byPolicy.get(pol.id) ?? { id: pol.id, name: pol.name, pipelines: [] };
          entry.pipelines.push({ id: pipelineId, name });
          byPolicy.set(pol.id, entry);
        }
      }
      return [...byPolicy.values()]
        .map((x) => ({ ...x, pipelines: x.pipelines.sort((a, b) => a.name.localeCompare(b.name)) }))
        .sort((a, b) => a.name.localeCompare(b.name));
    });
  }

  /** Failed runs in the last `hours`, for the Overview; never throws (says why instead). */
  async summary(req: { profileId?: string; hours: number }, signal?: AbortSignal): Promise<ActivitySummary> {
    let p: Of<'secret-server'>;
    try {
      p = this.profile(req.profileId);
    } catch (err) {
      return { available: false, reason: asContractError(err).message };
    }
    const since = new Date(this.now() - req.hours * 3_600_000).toISOString();
    try {
      const page = await this.runs(
        {
          profileId: p.id,
          statuses: ['Failed'],
          failedOnly: true,
          from: since,
          page: 0,
          pageSize: 5,
          sort: { field: 'eventTime', direction: 'desc' },
        },
        signal,
      );
      return {
        available: true,
        profile: page.profile,
        hours: req.hours,
        since,
        failed: page.total,
        newest: page.rows,
        link: `#/activity?${new URLSearchParams({ status: 'Failed', from: since, profile: p.id }).toString()}`,
      };
    } catch (err) {
      return { available: false, reason: asContractError(err).message };
    }
  }

  /** The parts of a query for the filters; null when they exclude each other (nothing can match). */
  private async wanted(req: RunFilter, catalog: ActivityCatalog, signal?: AbortSignal): Promise<RunsWanted | null> {
    let statuses: Set<RunStatus> | undefined = req.statuses ? new Set(req.statuses) : undefined;
    if (req.failedOnly) statuses = statuses ? new Set([...statuses].filter((s) => s === 'Failed')) : new Set(['Failed']);
    if (statuses && !statuses.size) return null;
    if (req.pipelineId !== undefined && req.policyId !== undefined) {
      const policies = (await catalog.policiesByPipeline(signal)).get(req.pipelineId) ?? [];
      if (!policies.some((x) => x.id === req.policyId)) return null;
    }
    const secret = req.secret?.trim();
    const from = req.from ? Date.parse(req.from) : undefined;
    const to = req.to ? Date.parse(req.to) : undefined;
    if (from !== undefined && to !== undefined && to <= from)
      throw new ContractError('VALIDATION', 'The end of the time range must be after its start.', { details: { field: 'to' } });
    return {
      scope: req.pipelineId !== undefined ? { pipelineId: req.pipelineId } : req.policyId !== undefined ? { policyId: req.policyId } : {},
      ...(statuses ? { statuses } : {}),
      ...(secret && /^\d+$/.test(secret) ? { secretId: Number(secret) } : secret ? { secretName: secret.toLowerCase() } : {}),
      ...(from !== undefined ? { from } : {}),
      ...(to !== undefined ? { to } : {}),
    };
  }

  private bundle(p: Of<'secret-server'>) {
    const version = JSON.stringify(p);
    let b = this.perProfile.get(p.id);
    if (!b || b.version !== version) {
      const client = () => this.deps.connections.clients.secretServer(p.id);
      b = {
        version,
        catalog: new ActivityCatalog(client, () => this.now()),
        query: new RunsQuery(async (scope, sort, skip, take, signal) => {
          const got = await getRunsPage(await client(), scope, { sort, skip, take }, signal);
          return { rows: got.records, total: got.total };
        }),
      };
      this.perProfile.set(p.id, b);
    }
    return b;
  }

  /** Runs `fn`; a failure to use Secret Server at all says which profile it was. */
  private async named<T>(p: Of<'secret-server'>, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      const e = asContractError(err);
      if (!UNREACHABLE.has(e.code) || e.message.includes(`"${p.name}"`)) throw e;
      throw new ContractError(e.code, `Secret Server profile "${p.name}" (${p.baseUrl}): ${e.message}`, {
        retryable: e.retryable,
        ...(e.details ? { details: e.details } : {}),
        cause: err,
      });
    }
  }

  private now(): number {
    return (this.deps.now ?? Date.now)();
  }
}

function names(all: ReadonlyArray<{ name: string }>): string {
  return all.map((p) => `"${p.name}"`).join(', ') || 'none';
}
