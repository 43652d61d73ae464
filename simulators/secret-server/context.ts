import type { RouteContext, Router } from '../shared/router';
import type { TokenService } from './auth';
import type { SimUser } from './model';
import type { PipelineRunner } from './runner';
import type { SimState } from './state';

/** The per-request session: the authenticated caller. */
export interface Session {
  user: SimUser;
}

/** A route context with the caller. */
export type Ctx = RouteContext<Session>;

/** What route modules need. */
export interface SimContext {
  readonly state: SimState;
  readonly tokens: TokenService;
  readonly runner: PipelineRunner;
  readonly router: Router<Session>;
}

/** Reads `{dirty, value}` from an Update*Model wrapper (or a plain value). */
export function dv<T = unknown>(data: unknown, key: string): T | undefined {
  const field = (data as Record<string, unknown> | undefined)?.[key];
  if (field && typeof field === 'object' && 'value' in field) return (field as { value: T }).value;
  return field as T | undefined;
}

/** A positive integer query/path value, or undefined. */
export function intOf(v: unknown): number | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  const n = Number(v);
  return Number.isInteger(n) ? n : undefined;
}

/** Reads `filter.<name>` (case-insensitive, as ASP.NET binds it). */
export function filter(q: URLSearchParams, name: string): string | undefined {
  const want = `filter.${name}`.toLowerCase();
  for (const [k, v] of q) if (k.toLowerCase() === want) return v;
  return undefined;
}

/** All values of a repeated `filter.<name>` key. */
export function filterAll(q: URLSearchParams, name: string): string[] {
  const want = `filter.${name}`.toLowerCase();
  return [...q].filter(([k]) => k.toLowerCase() === want).map(([, v]) => v);
}

/** "true"/"false" query flag with a default. */
export function flag(v: string | undefined, dflt: boolean): boolean {
  return v === undefined ? dflt : v.toLowerCase() === 'true';
}
