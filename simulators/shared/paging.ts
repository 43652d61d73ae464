/** The vendor paging envelope (`PagingOf*`), shared by simulators that mimic it. */
export interface PagingEnvelope<T> {
  readonly records: readonly T[];
  readonly total: number;
  readonly skip: number;
  readonly take: number;
  readonly nextSkip: number;
  readonly prevSkip: number;
  readonly hasNext: boolean;
  readonly hasPrev: boolean;
  readonly currentPage: number;
  readonly pageCount: number;
  readonly batchCount: number;
  readonly sortBy: ReadonlyArray<{ name: string; direction: 'None' | 'Asc' | 'Desc'; priority: number }>;
  readonly success: boolean;
  readonly severity: 'None';
}

/** Sorts (by `sortBy[0].*`) and pages records the way Secret Server does (`skip`/`take`, default take 10). */
export function page<T>(
  all: readonly T[],
  query: URLSearchParams,
  defaultSort?: { name: string; direction: 'Asc' | 'Desc' },
): PagingEnvelope<T> {
  const skip = Math.max(0, Number(query.get('skip') ?? 0) || 0);
  const take = Math.max(1, Number(query.get('take') ?? 10) || 10);
  const sortName = query.get('sortBy[0].name') ?? defaultSort?.name;
  const rawDir = (query.get('sortBy[0].direction') ?? defaultSort?.direction ?? 'Asc').toLowerCase();
  const direction = rawDir === 'desc' ? 'Desc' : 'Asc';
  let rows = [...all];
  if (sortName) {
    const key = Object.keys((rows[0] as object | undefined) ?? {}).find((k) => k.toLowerCase() === sortName.toLowerCase()) ?? sortName;
    const sign = direction === 'Desc' ? -1 : 1;
    rows.sort((a, b) => sign * compare((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]));
  }
  const total = rows.length;
  rows = rows.slice(skip, skip + take);
  const pageCount = Math.ceil(total / take);
  return {
    records: rows,
    total,
    skip,
    take,
    nextSkip: skip + take,
    prevSkip: Math.max(0, skip - take),
    hasNext: skip + take < total,
    hasPrev: skip > 0,
    currentPage: Math.floor(skip / take) + 1,
    pageCount,
    batchCount: pageCount,
    sortBy: sortName ? [{ name: sortName, direction, priority: 0 }] : [],
    success: true,
    severity: 'None',
  };
}

function compare(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === undefined || a === null) return -1;
  if (b === undefined || b === null) return 1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a).localeCompare(String(b));
}
