import { cancelled } from '../shared/errors';

/** Reads rows `[skip, skip + take)` of one fixed server-side order, and how many rows that order has. */
export type FetchRows<R> = (skip: number, take: number, signal?: AbortSignal) => Promise<{ rows: readonly R[]; total: number }>;

/** Where a row lies relative to the wanted block of the server order: before it, in it, after it. */
export type Locate<R> = (row: R) => -1 | 0 | 1;

/**
 * The rows of one server order seen so far, by index. Every request goes through it, so a row
 * read by one probe is never asked for again, and the page inside a block found by probing is
 * often already here.
 */
export class ProbeCache<R> {
  private readonly rows = new Map<number, R>();
  private knownTotal: number | undefined;
  /** Requests sent (for the bench and tests). */
  requests = 0;

  constructor(private readonly fetchRows: FetchRows<R>) {}

  /** The order's row count (read with the first request). */
  async total(signal?: AbortSignal): Promise<number> {
    if (this.knownTotal === undefined) await this.read(0, 1, signal);
    return this.knownTotal ?? 0;
  }

  /** Rows `[skip, skip + take)` clipped to the total; one request unless all are cached. */
  async read(skip: number, take: number, signal?: AbortSignal): Promise<R[]> {
    if (signal?.aborted) throw cancelled();
    const end = this.knownTotal === undefined ? skip + take : Math.min(skip + take, this.knownTotal);
    const cached: R[] = [];
    for (let i = skip; i < end; i++) {
      const r = this.rows.get(i);
      if (r === undefined) break;
      cached.push(r);
    }
    if (this.knownTotal !== undefined && cached.length === Math.max(0, end - skip)) return cached;
    this.requests++;
    const got = await this.fetchRows(skip, take, signal);
    if (this.knownTotal !== undefined && got.total !== this.knownTotal) throw new OrderChanged();
    this.knownTotal = got.total;
    got.rows.forEach((r, i) => this.rows.set(skip + i, r));
    return [...got.rows];
  }

  /** Every cached row in index order (for the monotonicity check). */
  seen(): Array<[number, R]> {
    return [...this.rows].sort(([a], [b]) => a - b);
  }
}

/** The order's row count moved between two requests (a run was added): start again. */
export class OrderChanged extends Error {
  override name = 'OrderChanged';
}

/**
 * The first index in `[lo, hi)` whose row satisfies `pred` (`hi` when none), for a predicate
 * that is false then true along the order. A windowed binary search: each request reads `window`
 * rows around the middle, so 50,000 rows take about log2(50,000 / window) + 1 requests.
 */
export async function firstIndex<R>(
  cache: ProbeCache<R>,
  pred: (row: R) => boolean,
  lo: number,
  hi: number,
  window: number,
  signal?: AbortSignal,
): Promise<number> {
  while (lo < hi) {
    const start = hi - lo <= window ? lo : Math.max(lo, Math.floor((lo + hi) / 2) - Math.floor(window / 2));
    const rows = await cache.read(start, Math.min(window, hi - start), signal);
    if (!rows.length) return lo;
    const at = rows.findIndex(pred);
    if (at > 0) return start + at;
    if (at === 0) {
      if (start === lo) return lo;
      hi = start;
    } else {
      lo = start + rows.length;
    }
  }
  return lo;
}

/**
 * Finds the block `[lo, hi)` of rows that `locate` puts inside (0), in an order where the rows
 * before it come first and the rows after it last. `consistent` is false when the rows read on
 * the way contradict that shape — the server's order is not the one assumed (e.g. it sorts a
 * status by its label, not its number) — and the block must not be trusted.
 */
export async function findBlock<R>(
  cache: ProbeCache<R>,
  locate: Locate<R>,
  window: number,
  signal?: AbortSignal,
): Promise<{ lo: number; hi: number; total: number; consistent: boolean }> {
  const total = await cache.total(signal);
  const lo = await firstIndex(cache, (r) => locate(r) >= 0, 0, total, window, signal);
  const hi = await firstIndex(cache, (r) => locate(r) > 0, lo, total, window, signal);
  let last = -1;
  let consistent = true;
  for (const [, row] of cache.seen()) {
    const v = locate(row);
    if (v < last) consistent = false;
    last = Math.max(last, v);
  }
  return { lo, hi, total, consistent };
}
