import { RUN_SORT_FIELDS, RUN_STATUSES, type RunSortField, type RunStatus } from '../../../../contract/channels/activity';

/** Page sizes the table offers. */
export const PAGE_SIZES = [25, 50, 100] as const;

/** The default order: newest event first. */
export const DEFAULT_SORT = { field: 'eventTime', direction: 'desc' } as const satisfies RunSort;

/** A sort of the runs table. */
export interface RunSort {
  readonly field: RunSortField;
  readonly direction: 'asc' | 'desc';
}

/** The filters of the runs table, as the route holds them (the request shape of `activity:runs`). */
export interface RouteFilter {
  readonly profileId?: string;
  readonly statuses?: readonly RunStatus[];
  readonly failedOnly: boolean;
  readonly policyId?: number;
  readonly pipelineId?: number;
  readonly secret?: string;
  readonly from?: string;
  readonly to?: string;
}

/** Everything `#/activity?…` says: filters, order, page and the open run. */
export interface ActivityRoute {
  readonly filter: RouteFilter;
  readonly sort: RunSort;
  /** 0-based (the route writes it 1-based). */
  readonly page: number;
  readonly pageSize: number;
  /** The run whose detail panel is open. */
  readonly runId?: string;
  /** Route parameters that were not understood (shown, then ignored). */
  readonly problems: readonly string[];
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_ID = 2_147_483_647;

function positiveInt(text: string | null): number | undefined | null {
  if (text === null || text === '') return undefined;
  const n = Number(text);
  return Number.isInteger(n) && n > 0 && n <= MAX_ID ? n : null;
}

function isoTime(text: string | null): string | undefined | null {
  if (text === null || text === '') return undefined;
  const t = Date.parse(text);
  return Number.isNaN(t) ? null : new Date(t).toISOString();
}

/** Reads `#/activity?status=Failed,Processing&failed=1&policy=…&pipeline=…&secret=…&from=…&to=…&profile=…&sort=eventTime.desc&page=2&size=50&run=<guid>`. */
export function parseActivityRoute(params: URLSearchParams): ActivityRoute {
  const problems: string[] = [];
  const statuses: RunStatus[] = [];
  for (const raw of params.getAll('status').flatMap((s) => s.split(','))) {
    const s = raw.trim();
    if (!s) continue;
    const found = RUN_STATUSES.find((x) => x.toLowerCase() === s.toLowerCase());
    if (found) {
      if (!statuses.includes(found)) statuses.push(found);
    } else problems.push(`status "${s}" (one of ${RUN_STATUSES.join(', ')})`);
  }
  const num = (key: string) => {
    const v = positiveInt(params.get(key));
    if (v === null) problems.push(`${key} "${params.get(key)}" (a positive whole number)`);
    return v ?? undefined;
  };
  const time = (key: string) => {
    const v = isoTime(params.get(key));
    if (v === null) problems.push(`${key} "${params.get(key)}" (a date and time)`);
    return v ?? undefined;
  };
  const policyId = num('policy');
  const pipelineId = num('pipeline');
  const from = time('from');
  const to = time('to');
  const secret = params.get('secret')?.trim().slice(0, 200) || undefined;
  const profileId = params.get('profile')?.trim().slice(0, 100) || undefined;
  const failedRaw = params.get('failed');
  const failedOnly = failedRaw === '1' || failedRaw === 'true';

  let sort: RunSort = DEFAULT_SORT;
  const sortRaw = params.get('sort');
  if (sortRaw) {
    const [field, direction = 'desc'] = sortRaw.split('.');
    if ((RUN_SORT_FIELDS as readonly string[]).includes(field ?? '') && (direction === 'asc' || direction === 'desc')) {
      sort = { field: field as RunSortField, direction };
    } else problems.push(`sort "${sortRaw}"`);
  }
  const page = (positiveInt(params.get('page')) ?? 1) - 1;
  const sizeRaw = Number(params.get('size'));
  const pageSize = (PAGE_SIZES as readonly number[]).includes(sizeRaw) ? sizeRaw : 50;
  const runRaw = params.get('run');
  const runId = runRaw && GUID.test(runRaw) ? runRaw.toLowerCase() : undefined;
  if (runRaw && !runId) problems.push(`run "${runRaw}" (a run id is a GUID)`);

  return {
    filter: {
      failedOnly,
      ...(profileId ? { profileId } : {}),
      ...(statuses.length ? { statuses } : {}),
      ...(policyId ? { policyId } : {}),
      ...(pipelineId ? { pipelineId } : {}),
      ...(secret ? { secret } : {}),
      ...(from ? { from } : {}),
      ...(to ? { to } : {}),
    },
    sort,
    page: Math.max(0, page),
    pageSize,
    ...(runId ? { runId } : {}),
    problems,
  };
}

/** The route parameters of a view (defaults left out, so links stay short). */
export function activityRouteParams(r: Omit<ActivityRoute, 'problems'>): Record<string, string> {
  const f = r.filter;
  const out: Record<string, string> = {};
  if (f.profileId) out.profile = f.profileId;
  if (f.statuses?.length) out.status = f.statuses.join(',');
  if (f.failedOnly) out.failed = '1';
  if (f.policyId) out.policy = String(f.policyId);
  if (f.pipelineId) out.pipeline = String(f.pipelineId);
  if (f.secret) out.secret = f.secret;
  if (f.from) out.from = f.from;
  if (f.to) out.to = f.to;
  if (r.sort.field !== DEFAULT_SORT.field || r.sort.direction !== DEFAULT_SORT.direction) out.sort = `${r.sort.field}.${r.sort.direction}`;
  if (r.page > 0) out.page = String(r.page + 1);
  if (r.pageSize !== 50) out.size = String(r.pageSize);
  if (r.runId) out.run = r.runId;
  return out;
}

/** The `activity:runs` / `activity:export` filter part of a route (only the keys that are set). */
export function requestFilter(f: RouteFilter) {
  return {
    failedOnly: f.failedOnly,
    ...(f.profileId ? { profileId: f.profileId } : {}),
    ...(f.statuses?.length ? { statuses: [...f.statuses] } : {}),
    ...(f.policyId ? { policyId: f.policyId } : {}),
    ...(f.pipelineId ? { pipelineId: f.pipelineId } : {}),
    ...(f.secret ? { secret: f.secret } : {}),
    ...(f.from ? { from: f.from } : {}),
    ...(f.to ? { to: f.to } : {}),
  };
}

/** A `datetime-local` input's value for an ISO time (local wall time), or '' for none. */
export function toLocalInput(iso: string | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** An ISO time (UTC) for a `datetime-local` value, or undefined when empty or invalid. */
export function fromLocalInput(value: string): string | undefined {
  if (!value) return undefined;
  const t = new Date(value).getTime();
  return Number.isNaN(t) ? undefined : new Date(t).toISOString();
}

/** "1 min 05 s", "850 ms", "—". */
export function formatDuration(ms: number | null): string {
  if (ms === null) return '—';
  if (ms < 1000) return `${ms} ms`;
  const s = Math.round(ms / 1000);
  if (s < 60) return `${(ms / 1000).toFixed(s < 10 ? 1 : 0)} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, '0')} min`;
}
