import type { RunSortField, RunStatus } from '../../contract/channels/activity';
import { RUN_STATUSES } from '../../contract/channels/activity';
import { narrow, OrderChanged, ProbeCache, type Step } from './block-search';
import { epochOf, SORT_FIELD, type RunRecord, type ServerSortKey } from './run-order';

/** Which listing to read: runs of one policy, of one pipeline, or (neither) of every policy. */
export interface RunsScope {
  readonly policyId?: number;
  readonly pipelineId?: number;
}

/** One page of a runs listing from Secret Server in a given order. */
export type RunsPageFetch = (
  scope: RunsScope,
  sort: readonly ServerSortKey[],
  skip: number,
  take: number,
  signal?: AbortSignal,
) => Promise<{ rows: readonly RunRecord[]; total: number }>;

/** The filters after normalisation (times in epoch ms, statuses as a set). */
export interface RunsWanted {
  readonly scope: RunsScope;
  /** Undefined = every status. */
  readonly statuses?: ReadonlySet<RunStatus>;
  readonly secretId?: number;
  /** Part of a secret name, lower case. */
  readonly secretName?: string;
  readonly from?: number;
  readonly to?: number;
}

/** A page as the planner read it. */
export interface QueryPage {
  readonly rows: readonly RunRecord[];
  readonly total: number;
  readonly totalExact: boolean;
  readonly hasMore: boolean;
  readonly strategy: string;
  /** Requests sent to Secret Server for this page. */
  readonly requests: number;
}

interface Plan {
  readonly keys: readonly ServerSortKey[];
  /** Narrowings to the matching block, in the order of the sort keys they lead with. */
  readonly steps: ReadonlyArray<Step<RunRecord>>;
  /** Filters Secret Server cannot apply, checked row by row while paging. */
  readonly residual?: (r: RunRecord) => boolean;
  readonly words: string;
}

/** Options (tests shrink the window and chunk to exercise the search). */
export interface RunsQueryOptions {
  /** Rows read per probe of the block search (default 250). */
  readonly window?: number;
  /** Rows read per request while filtering row by row (default 500). */
  readonly chunk?: number;
  /** How long a found block is reused while the row count stays the same (default 15 s). */
  readonly blockTtlMs?: number;
  readonly now?: () => number;
}

/**
 * Reads runs page by page with Secret Server doing the work. Its runs listings filter only by
 * policy, pipeline and run id, but they sort by any field of the run record: a filter on one
 * status, on a secret id or on a time range (when sorting by time) becomes a leading sort key,
 * so the matching runs form one contiguous block of that order, found by a windowed binary
 * search (about 16 small requests for 50,000 runs, remembered while the row count holds) and
 * then paged with `skip`/`take`. Filters no order can express (several statuses, part of a
 * name) are applied row by row while paging, never by loading every run.
 */
export class RunsQuery {
  private readonly blocks = new Map<string, { lo: number; hi: number; total: number; at: number }>();
  private readonly scans = new Map<string, Array<{ matches: number; index: number }>>();
  private readonly window: number;
  private readonly chunk: number;

  constructor(
    private readonly fetchPage: RunsPageFetch,
    private readonly opts: RunsQueryOptions = {},
  ) {
    this.window = opts.window ?? 250;
    this.chunk = opts.chunk ?? 500;
  }

  /** One page (0-based) of the runs matching `wanted`, in the order `sort`. */
  async page(
    wanted: RunsWanted,
    sort: { field: RunSortField; direction: 'asc' | 'desc' },
    page: number,
    pageSize: number,
    signal?: AbortSignal,
  ): Promise<QueryPage> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.pageOnce(wanted, sort, page, pageSize, signal);
      } catch (err) {
        // A run arrived between two requests: the positions moved, so search again (twice at most).
        if (!(err instanceof OrderChanged) || attempt >= 2) throw err;
        this.blocks.clear();
        this.scans.clear();
      }
    }
  }

  /** Every matching run in order, read `chunk` rows at a time (export); memory stays at one chunk. */
  async *all(
    wanted: RunsWanted,
    sort: { field: RunSortField; direction: 'asc' | 'desc' },
    signal?: AbortSignal,
  ): AsyncGenerator<RunRecord> {
    const { plan, cache, lo, hi } = await this.locateBlock(wanted, sort, signal);
    let index = lo;
    let end = hi;
    let total = await cache.total(signal);
    let previous = new Set<string>();
    while (index < end) {
      const got = await this.fetchPage(wanted.scope, plan.keys, index, Math.min(this.chunk, end - index), signal);
      // Newest first by time: runs that arrived meanwhile went in at the top and pushed the rest down.
      if (got.total !== total && sort.field === 'eventTime' && sort.direction === 'desc' && !plan.steps.length) {
        index += got.total - total;
        end += got.total - total;
        total = got.total;
        continue;
      }
      const ids = new Set<string>();
      for (const r of got.rows) {
        const id = r.eventPipelinePolicyRunId ?? '';
        ids.add(id);
        if (!previous.has(id) && (!plan.residual || plan.residual(r))) yield r;
      }
      previous = ids;
      if (!got.rows.length) break;
      index += got.rows.length;
    }
  }

  private async pageOnce(
    wanted: RunsWanted,
    sort: { field: RunSortField; direction: 'asc' | 'desc' },
    page: number,
    pageSize: number,
    signal?: AbortSignal,
  ): Promise<QueryPage> {
    const { plan, cache, lo, hi, words, key: blockKey } = await this.locateBlock(wanted, sort, signal);
    const start = page * pageSize;
    if (!plan.residual) {
      const skip = lo + start;
      const rows = skip < hi ? await cache.read(skip, Math.min(pageSize, hi - skip), signal) : [];
      return { rows, total: hi - lo, totalExact: true, hasMore: skip + pageSize < hi, strategy: words, requests: cache.requests };
    }
    const key = JSON.stringify([blockKey, lo, hi]);
    const marks = this.scans.get(key) ?? [{ matches: 0, index: lo }];
    this.scans.set(key, marks);
    const from = [...marks].reverse().find((m) => m.matches <= start) ?? { matches: 0, index: lo };
    let matches = from.matches;
    let index = from.index;
    const rows: RunRecord[] = [];
    let hasMore = false;
    scan: while (index < hi) {
      const chunk = await cache.read(index, Math.min(this.chunk, hi - index), signal);
      if (!chunk.length) break;
      for (const r of chunk) {
        if (!plan.residual(r)) continue;
        if (rows.length === pageSize && matches >= start) {
          hasMore = true;
          break scan;
        }
        if (matches >= start) rows.push(r);
        matches++;
      }
      index += chunk.length;
      if (!marks.some((m) => m.index === index)) marks.push({ matches, index });
    }
    const exact = !hasMore;
    return {
      rows,
      total: exact ? matches : Math.max(matches, start + rows.length + 1),
      totalExact: exact,
      hasMore,
      strategy: `${words}; ${plan.words}`,
      requests: cache.requests,
    };
  }

  /** Plans the query and finds its block (the status as a sort key first; row by row if the server does not group by it). */
  private async locateBlock(wanted: RunsWanted, sort: { field: RunSortField; direction: 'asc' | 'desc' }, signal?: AbortSignal) {
    for (const statusKey of [true, false]) {
      const plan = planQuery(wanted, sort, statusKey);
      const fetch = (skip: number, take: number, s?: AbortSignal) => this.fetchPage(wanted.scope, plan.keys, skip, take, s);
      const blockKey = JSON.stringify([wanted, [...(wanted.statuses ?? [])], plan.keys]);
      const now = (this.opts.now ?? Date.now)();
      const known = this.blocks.get(blockKey);
      if (known && now - known.at < (this.opts.blockTtlMs ?? 15_000)) {
        // The first read checks the row count still matches (else OrderChanged starts again).
        const cache = new ProbeCache<RunRecord>(fetch);
        await primeTotal(cache, known.total, signal);
        return { plan, cache, lo: known.lo, hi: known.hi, key: blockKey, words: describe(wanted, plan, true) };
      }
      const cache = new ProbeCache<RunRecord>(fetch);
      const total = await cache.total(signal);
      let block: { lo: number; hi: number } | null = { lo: 0, hi: total };
      for (const step of plan.steps) {
        block = block && (await narrow(cache, step, block.lo, block.hi, this.window, signal));
        if (!block || block.lo >= block.hi) break;
      }
      if (!block) continue;
      this.blocks.set(blockKey, { lo: block.lo, hi: block.hi, total, at: now });
      if (this.blocks.size > 64) this.blocks.delete(this.blocks.keys().next().value as string);
      return { plan, cache, lo: block.lo, hi: block.hi, key: blockKey, words: describe(wanted, plan, false) };
    }
    throw new Error('unreachable: a plan without the status key has no walk step');
  }
}

async function primeTotal(cache: ProbeCache<RunRecord>, expected: number, signal?: AbortSignal): Promise<void> {
  if ((await cache.total(signal)) !== expected) throw new OrderChanged();
}

/** Builds the server sort and the block test for the filters; `statusRank` = use the status as a sort key. */
export function planQuery(wanted: RunsWanted, sort: { field: RunSortField; direction: 'asc' | 'desc' }, statusKey = true): Plan {
  const keys: ServerSortKey[] = [];
  const steps: Array<Step<RunRecord>> = [];
  const residual: Array<(r: RunRecord) => boolean> = [];
  const residualWords: string[] = [];
  const secretId = wanted.secretId;
  if (secretId !== undefined) {
    keys.push({ name: 'itemId', direction: 'asc' });
    steps.push({ kind: 'number', get: (r) => r.itemId ?? 0, value: secretId });
  }
  const statuses = wanted.statuses && wanted.statuses.size < RUN_STATUSES.length ? wanted.statuses : undefined;
  const single = statuses?.size === 1 ? [...statuses][0] : undefined;
  if (single && statusKey) {
    keys.push({ name: 'status', direction: 'asc' });
    steps.push({ kind: 'walk', get: (r) => r.status ?? '', value: single });
  } else if (statuses) {
    residual.push((r) => statuses.has(r.status ?? 'Failed'));
    residualWords.push(`status (${[...statuses].join(', ')})`);
  }
  const field = SORT_FIELD[sort.field];
  const hasRange = wanted.from !== undefined || wanted.to !== undefined;
  // The block ends at the first key without a test: the range counts only right after the equality keys.
  if (field === 'eventDateTime' && hasRange) {
    const from = wanted.from ?? -Infinity;
    const to = wanted.to ?? Infinity;
    const desc = sort.direction === 'desc';
    steps.push({
      kind: 'range',
      locate: (r) => {
        const t = epochOf(r.eventDateTime) ?? -Infinity;
        const before = desc ? t >= to : t < from;
        const after = desc ? t < from : t >= to;
        return before ? -1 : after ? 1 : 0;
      },
    });
  } else if (hasRange) {
    residual.push((r) => {
      const t = epochOf(r.eventDateTime);
      return t !== null && t >= (wanted.from ?? -Infinity) && t < (wanted.to ?? Infinity);
    });
    residualWords.push('time range');
  }
  if (!keys.some((k) => k.name === field)) keys.push({ name: field, direction: sort.direction });
  if (field !== 'eventDateTime') keys.push({ name: 'eventDateTime', direction: 'desc' });
  // A unique last key, so equal rows keep one order between requests.
  keys.push({ name: 'eventPipelinePolicyRunId', direction: 'asc' });
  const name = wanted.secretName;
  if (name) {
    residual.push((r) => (r.itemName ?? '').toLowerCase().includes(name));
    residualWords.push('secret name');
  }
  return {
    keys,
    steps,
    ...(residual.length ? { residual: (r: RunRecord) => residual.every((f) => f(r)) } : {}),
    words: residualWords.length ? `${residualWords.join(' and ')} checked row by row while paging` : '',
  };
}

function describe(wanted: RunsWanted, plan: Plan, reused: boolean): string {
  const scope =
    wanted.scope.pipelineId !== undefined
      ? `runs of pipeline ${wanted.scope.pipelineId}`
      : wanted.scope.policyId !== undefined
        ? `runs of policy ${wanted.scope.policyId}`
        : 'runs of every policy';
  const order = plan.keys.map((k) => `${k.name} ${k.direction}`).join(', ');
  const block = plan.steps.length ? `; the matching runs found as one block of that order${reused ? ' (block reused)' : ''}` : '';
  return `Secret Server: ${scope}, sorted by ${order}${block}`;
}
