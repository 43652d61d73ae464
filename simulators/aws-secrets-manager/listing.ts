import { randomBytes } from 'node:crypto';
import { SimError, validation } from './errors';
import type { SecretRecord } from './state';

/** A ListSecrets / BatchGetSecretValue filter as it arrives on the wire. */
export interface Filter {
  readonly Key: string;
  readonly Values: readonly string[];
}

const FILTER_KEYS = ['description', 'name', 'tag-key', 'tag-value', 'primary-region', 'owning-service', 'all'] as const;
const VALUE_RE = /^!?[a-zA-Z0-9 :_@/+=.\-!]*$/;
const SORT_BY = ['created-date', 'last-accessed-date', 'last-changed-date', 'name'] as const;

/** Reads and checks `Filters` (≤10 filters, 1–10 values each, ≤512 characters, the documented character set). */
export function readFilters(raw: unknown): Filter[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) throw new SimError('SerializationException', 'Expected list for Filters');
  if (raw.length > 10)
    throw validation("Value at 'filters' failed to satisfy constraint: Member must have length less than or equal to 10");
  return raw.map((f: unknown) => {
    const o = (f ?? {}) as Record<string, unknown>;
    const key = o.Key;
    if (typeof key !== 'string' || !(FILTER_KEYS as readonly string[]).includes(key)) {
      throw validation(
        `Value '${String(key)}' at 'filters.member.key' failed to satisfy constraint: Member must satisfy enum value set: [${FILTER_KEYS.join(', ')}]`,
      );
    }
    const values = Array.isArray(o.Values) ? o.Values : [];
    if (values.length < 1 || values.length > 10)
      throw validation("Value at 'filters.member.values' failed to satisfy constraint: Member must have length between 1 and 10");
    for (const v of values) {
      if (typeof v !== 'string' || v.length > 512 || !VALUE_RE.test(v)) {
        throw validation(
          `Value '${String(v)}' at 'filters.member.values' failed to satisfy constraint: Member must satisfy regular expression pattern: ^\\!?[a-zA-Z0-9 :_@\\/\\+\\=\\.\\-\\!]*$`,
        );
      }
    }
    return { Key: key, Values: values as string[] };
  });
}

/** True when a secret passes every filter (values of one filter are OR-ed; a `!` value negates). */
export function matches(rec: SecretRecord, filters: readonly Filter[], region: string): boolean {
  return filters.every((f) => {
    const positive = f.Values.filter((v) => !v.startsWith('!'));
    const negative = f.Values.filter((v) => v.startsWith('!')).map((v) => v.slice(1));
    if (negative.some((v) => fieldMatches(rec, f.Key, v, region))) return false;
    return positive.length === 0 || positive.some((v) => fieldMatches(rec, f.Key, v, region));
  });
}

function fieldMatches(rec: SecretRecord, key: string, value: string, region: string): boolean {
  const prefix = (s: string | undefined): boolean => s !== undefined && s.startsWith(value);
  const prefixCi = (s: string | undefined): boolean => s !== undefined && s.toLowerCase().startsWith(value.toLowerCase());
  switch (key) {
    case 'name':
      return prefix(rec.name);
    case 'description':
      return prefixCi(rec.description);
    case 'tag-key':
      return rec.tags.some((t) => prefix(t.Key));
    case 'tag-value':
      return rec.tags.some((t) => prefix(t.Value));
    case 'primary-region':
      return prefix(region);
    case 'owning-service':
      return false;
    case 'all': {
      const words = [rec.name, rec.description ?? '', ...rec.tags.flatMap((t) => [t.Key, t.Value])].flatMap((s) => s.split(/[\s/_+=.@-]+/));
      return words.some(prefixCi);
    }
    default:
      return false;
  }
}

/** Sorts for ListSecrets (`SortBy` defaults to created-date, `SortOrder` to desc like the console). */
export function sortSecrets(list: SecretRecord[], sortBy: unknown, sortOrder: unknown): SecretRecord[] {
  const by = sortBy ?? 'created-date';
  if (typeof by !== 'string' || !(SORT_BY as readonly string[]).includes(by)) {
    throw validation(
      `Value '${String(by)}' at 'sortBy' failed to satisfy constraint: Member must satisfy enum value set: [${SORT_BY.join(', ')}]`,
    );
  }
  const order = sortOrder ?? 'desc';
  if (order !== 'asc' && order !== 'desc')
    throw validation(
      `Value '${String(order)}' at 'sortOrder' failed to satisfy constraint: Member must satisfy enum value set: [asc, desc]`,
    );
  const key = (r: SecretRecord): string | number => {
    if (by === 'name') return r.name;
    if (by === 'last-accessed-date') return r.lastAccessedDate?.getTime() ?? 0;
    if (by === 'last-changed-date') return r.lastChangedDate.getTime();
    return r.createdDate.getTime();
  };
  // Creation order breaks ties so paging is stable.
  const indexed = list.map((r, i) => ({ r, i }));
  indexed.sort((a, b) => {
    const ka = key(a.r);
    const kb = key(b.r);
    const c = ka < kb ? -1 : ka > kb ? 1 : a.i - b.i;
    return order === 'asc' ? c : -c;
  });
  return indexed.map((x) => x.r);
}

/** An opaque NextToken that carries the scan offset; a random nonce keeps consecutive tokens distinct. */
export function encodeToken(offset: number): string {
  return Buffer.from(JSON.stringify({ o: offset, n: randomBytes(4).toString('hex') })).toString('base64');
}

/** Decodes a NextToken; anything not minted here is InvalidNextTokenException. */
export function decodeToken(token: unknown): number {
  if (token === undefined || token === null) return 0;
  try {
    const o = JSON.parse(Buffer.from(String(token), 'base64').toString('utf8')) as { o?: unknown };
    if (typeof o.o === 'number' && Number.isInteger(o.o) && o.o >= 0) return o.o;
  } catch {
    // fall through to the AWS error below
  }
  throw new SimError('InvalidNextTokenException', 'The NextToken value is invalid.');
}

/**
 * Scans one window of `max` secrets from `offset` and keeps those that pass `keep` — the way AWS
 * filters after paging, which is why a page can be empty and still carry a NextToken.
 */
export function scanPage<T>(
  sorted: readonly T[],
  offset: number,
  max: number,
  keep: (r: T) => boolean,
): { items: T[]; nextOffset?: number } {
  const window = sorted.slice(offset, offset + max);
  const next = offset + max;
  return { items: window.filter(keep), ...(next < sorted.length ? { nextOffset: next } : {}) };
}
