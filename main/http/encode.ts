import type { HttpRequest } from './client';

/** A query value; arrays repeat the key (`filter.ids=1&filter.ids=2`), undefined is left out. */
export type QueryValue = string | number | boolean | readonly (string | number)[] | undefined | null;

/** Joins a URL and its query parameters. */
export function buildUrl(url: string | URL, query?: Readonly<Record<string, QueryValue>>): string {
  const u = new URL(url.toString());
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null) continue;
    if (Array.isArray(value)) for (const v of value) u.searchParams.append(key, String(v));
    else u.searchParams.append(key, String(value));
  }
  return u.toString();
}

/** Serialises the request body and picks its content type. */
export function encodeBody(req: Pick<HttpRequest, 'json' | 'form' | 'body'>): { body?: string; contentType?: string } {
  if (req.json !== undefined) return { body: JSON.stringify(req.json), contentType: 'application/json' };
  if (req.form) {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(req.form)) if (v !== undefined) params.append(k, v);
    return { body: params.toString(), contentType: 'application/x-www-form-urlencoded' };
  }
  return req.body !== undefined ? { body: req.body } : {};
}
