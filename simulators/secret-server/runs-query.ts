import { page, type PagingEnvelope } from '../shared/paging';
import type { RouteResult } from '../shared/router';
import { badRequest } from './access';
import type { SimRun, SimRunStatus } from './model';

/** The fields of `EventPipelineRunViewModel`, the only names `sortBy[n].name` may carry. */
const RUN_FIELDS = [
  'description',
  'duration',
  'endDate',
  'entityTypeName',
  'eventDateTime',
  'eventDetails',
  'eventName',
  'eventPipelineId',
  'eventPipelinePolicyRunId',
  'itemId',
  'itemName',
  'name',
  'queuedDate',
  'startDate',
  'status',
] as const;
type RunField = (typeof RUN_FIELDS)[number];

/**
 * `EventPipelineStatus` is stored as a number (Failed = 0 … Scheduled = 5), so a database sort
 * orders it by that number, not by its label (INFERRED from the enum order and a public SQL report).
 */
const STATUS_RANK: Record<SimRunStatus, number> = { Failed: 0, Success: 1, Skipped: 2, Processing: 3, Pending: 4, Scheduled: 5 };

/** One sort key (`sortBy[n]`). */
interface SortKey {
  readonly name: RunField;
  readonly direction: 'Asc' | 'Desc' | 'None';
  readonly priority: number;
}

/** The endpoint's own filters: the only `filter.*` parameters the vendor OpenAPI lists for it. */
export type RunsEndpoint = 'policy' | 'pipeline';

const ALLOWED: Record<RunsEndpoint, readonly string[]> = {
  policy: ['filter.eventpipelinepolicyid', 'filter.eventpipelinepolicyrunid'],
  pipeline: ['filter.eventpipelineid', 'filter.eventpipelinepolicyrunid'],
};
const GUID = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;

type View = Omit<SimRun, 'eventPipelinePolicyId'>;

/**
 * The runs listings (`GET /event-pipeline-policy/runs`, `GET /event-pipeline/runs`) as the
 * vendor OpenAPI defines them, and strictly: only the endpoint's own filters (by policy or
 * pipeline, and by run id), `skip`/`take` and `sortBy[n].name|direction|priority` over the fields
 * of the run record. ASP.NET would silently ignore an unknown parameter such as `filter.status`;
 * the simulator refuses it (400) so a client that relies on a filter Secret Server does not have
 * fails its tests instead of showing unfiltered rows. Sorted orders are kept per query until a
 * run changes (a database answers these from indexes; re-sorting 50,000 rows per probe would not).
 */
export class RunsQuery {
  private readonly sorted = new Map<string, { version: number; rows: SimRun[] }>();

  constructor(
    private readonly runs: () => readonly SimRun[],
    private readonly version: () => number,
  ) {}

  /** Answers one listing request. */
  answer(endpoint: RunsEndpoint, q: URLSearchParams): RouteResult {
    const modelState: Record<string, string[]> = {};
    const sortParts = new Map<number, { name?: string; direction?: string; priority?: string }>();
    for (const [key, value] of q) {
      const k = key.toLowerCase();
      const sort = /^sortby\[(\d+)\]\.(name|direction|priority)$/.exec(k);
      if (sort) {
        const i = Number(sort[1]);
        sortParts.set(i, { ...sortParts.get(i), [sort[2] as string]: value });
      } else if (k === 'skip' || k === 'take') {
        if (!/^\d+$/.test(value)) modelState[key] = [`The value '${value}' is not valid for ${key}.`];
      } else if (!ALLOWED[endpoint].includes(k)) {
        modelState[key] = [`'${key}' is not a parameter of this endpoint (the simulator refuses what Secret Server would ignore).`];
      }
    }
    const idKey = endpoint === 'policy' ? 'eventPipelinePolicyId' : 'eventPipelineId';
    const idRaw = get(q, `filter.${idKey}`);
    if (idRaw !== undefined && !/^-?\d+$/.test(idRaw)) modelState[`filter.${idKey}`] = [`The value '${idRaw}' is not valid for ${idKey}.`];
    const runId = get(q, 'filter.eventPipelinePolicyRunId');
    if (runId !== undefined && !GUID.test(runId))
      modelState['filter.eventPipelinePolicyRunId'] = [`The value '${runId}' is not valid for EventPipelinePolicyRunId.`];
    const keys: SortKey[] = [];
    for (const [i, part] of [...sortParts].sort(([a], [b]) => a - b)) {
      const name = RUN_FIELDS.find((f) => f.toLowerCase() === (part.name ?? '').toLowerCase());
      const direction = (['Asc', 'Desc', 'None'] as const).find((d) => d.toLowerCase() === (part.direction ?? 'asc').toLowerCase());
      if (!name) modelState[`sortBy[${i}].name`] = [`'${part.name ?? ''}' is not a field of EventPipelineRunViewModel.`];
      if (!direction) modelState[`sortBy[${i}].direction`] = [`'${part.direction ?? ''}' is not a SortDirection (None, Asc, Desc).`];
      if (name && direction) keys.push({ name, direction, priority: part.priority === undefined ? i : Number(part.priority) });
    }
    if (Object.keys(modelState).length) return badRequest('The request is invalid.', modelState);
    const id = idRaw === undefined ? undefined : Number(idRaw);
    const rows = this.order(endpoint, id, keys.length ? keys : [{ name: 'eventDateTime', direction: 'Desc', priority: 0 }]).filter(
      (r) => !runId || r.eventPipelinePolicyRunId.toLowerCase() === runId.toLowerCase(),
    );
    // Page over the sorted order (already sorted, so `page` gets no sort of its own), then shape the views.
    const paged = page(rows, withoutSort(q));
    const envelope: PagingEnvelope<View> = {
      ...paged,
      records: paged.records.map(({ eventPipelinePolicyId: _omit, ...view }) => view),
      sortBy: keys.map((k) => ({ name: k.name, direction: k.direction, priority: k.priority })),
    };
    return { status: 200, body: envelope };
  }

  private order(endpoint: RunsEndpoint, id: number | undefined, keys: readonly SortKey[]): SimRun[] {
    const cacheKey = JSON.stringify([endpoint, id ?? null, keys]);
    const hit = this.sorted.get(cacheKey);
    if (hit && hit.version === this.version()) return hit.rows;
    const rows = this.runs().filter(
      (r) => id === undefined || (endpoint === 'policy' ? r.eventPipelinePolicyId === id : r.eventPipelineId === id),
    );
    const active = [...keys].sort((a, b) => a.priority - b.priority).filter((k) => k.direction !== 'None');
    // Each row's keys are computed once (lower-cased text, status rank), then compared.
    const decorated = rows.map((r) => ({ r, k: active.map((key) => sortable(value(r, key.name))) }));
    // Array.prototype.sort is stable: rows equal on every key keep their insertion order.
    decorated.sort((a, b) => {
      for (let i = 0; i < active.length; i++) {
        const c = compare(a.k[i], b.k[i]);
        if (c) return active[i]?.direction === 'Desc' ? -c : c;
      }
      return 0;
    });
    rows.length = 0;
    for (const d of decorated) rows.push(d.r);
    if (this.sorted.size >= 32) this.sorted.delete(this.sorted.keys().next().value as string);
    this.sorted.set(cacheKey, { version: this.version(), rows });
    return rows;
  }
}

function value(r: SimRun, name: RunField): unknown {
  return name === 'status' ? STATUS_RANK[r.status] : r[name];
}

/** A value as it sorts: numbers as they are, text case-insensitively (SQL Server's default collation), null as null. */
function sortable(v: unknown): number | string | null {
  if (v === null || v === undefined) return null;
  return typeof v === 'number' ? v : String(v).toLowerCase();
}

function compare(a: number | string | null | undefined, b: number | string | null | undefined): number {
  if (a === b) return 0;
  // SQL Server sorts NULL first in ascending order.
  if (a === null || a === undefined) return -1;
  if (b === null || b === undefined) return 1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return a < b ? -1 : a > b ? 1 : 0;
}

function get(q: URLSearchParams, name: string): string | undefined {
  const want = name.toLowerCase();
  for (const [k, v] of q) if (k.toLowerCase() === want) return v;
  return undefined;
}

function withoutSort(q: URLSearchParams): URLSearchParams {
  const out = new URLSearchParams();
  for (const [k, v] of q) if (!/^sortby\[/i.test(k)) out.append(k, v);
  return out;
}
