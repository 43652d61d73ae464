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

/** One narrowing of the current block: by a value in a known order, by walking an order not known, or by a range. */
export type Step<R> =
  | { readonly kind: 'number'; readonly get: (r: R) => number; readonly value: number }
  | { readonly kind: 'walk'; readonly get: (r: R) => string; readonly value: string }
  | { readonly kind: 'range'; readonly locate: Locate<R> };

/**
 * Narrows `[lo, hi)` to the rows matching one step, the rows of the block being sorted by the
 * step's field first:
 * - `number`: ascending numbers (a secret id) — two binary searches;
 * - `walk`: values grouped but in an order not known for sure (Secret Server may sort a status
 *   by its enum number or by its label) — read the first row's value, find where that group
 *   ends, go on with the next group until the wanted one (at most one search per status);
 *   null when a value shows up again after its group ended (the server did not sort by it);
 * - `range`: rows before, inside and after a range (a time range in the sort's direction).
 */
export async function narrow<R>(
  cache: ProbeCache<R>,
  step: Step<R>,
  lo: number,
  hi: number,
  window: number,
  signal?: AbortSignal,
): Promise<{ lo: number; hi: number } | null> {
  if (step.kind === 'number') {
    const a = await firstIndex(cache, (r) => step.get(r) >= step.value, lo, hi, window, signal);
    return { lo: a, hi: await firstIndex(cache, (r) => step.get(r) > step.value, a, hi, window, signal) };
  }
  if (step.kind === 'range') {
    const a = await firstIndex(cache, (r) => step.locate(r) >= 0, lo, hi, window, signal);
    return { lo: a, hi: await firstIndex(cache, (r) => step.locate(r) > 0, a, hi, window, signal) };
  }
  const done = new Set<string>();
  for (let at = lo; at < hi;) {
    const [first] = await cache.read(at, 1, signal);
    if (first === undefined) break;
    const value = step.get(first);
    if (done.has(value)) return null;
    done.add(value);
    const end = await firstIndex(cache, (r) => !done.has(step.get(r)), at, hi, window, signal);
    if (value === step.value) {
      // Every row read inside the group must carry the value, or the server did not group by it.
      const mixed = cache.seen().some(([i, r]) => i >= at && i < end && step.get(r) !== value);
      return mixed ? null : { lo: at, hi: end };
    }
    at = end;
  }
  return { lo: hi, hi };
}
