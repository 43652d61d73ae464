import type { IncomingMessage, ServerResponse } from 'node:http';

/** What a route handler receives. */
export interface RouteContext<S = unknown> {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly method: string;
  /** Path below the simulator's base path, e.g. `/api/v1/secrets/4`. */
  readonly path: string;
  readonly params: Readonly<Record<string, string>>;
  readonly query: URLSearchParams;
  /** Parsed JSON or form body (`{}` when empty). */
  readonly body: Record<string, unknown>;
  readonly rawBody: string;
  /** Per-request data set by middleware (e.g. the authenticated user). */
  session: S;
}

/** A route's answer: a status and a JSON body, or `undefined` when the handler wrote the reply itself. */
export type RouteResult = { status: number; body?: unknown; headers?: Record<string, string> } | undefined;

/** A route handler. */
export type RouteHandler<S> = (ctx: RouteContext<S>) => RouteResult | Promise<RouteResult>;

interface Route<S> {
  readonly method: string;
  readonly re: RegExp;
  readonly names: string[];
  readonly handler: RouteHandler<S>;
}

/** A tiny method + path-template router (`/api/v1/secrets/{id}`), first match wins. */
export class Router<S = unknown> {
  private readonly routes: Route<S>[] = [];

  /** Registers a route; `{name}` segments become `params.name`. */
  on(method: string, template: string, handler: RouteHandler<S>): this {
    const names: string[] = [];
    const pattern = template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{(\w+)\\?\}|\{(\w+)\}/g, (_m, a: string, b: string) => {
      names.push(a ?? b);
      return '([^/]+)';
    });
    this.routes.push({ method: method.toUpperCase(), re: new RegExp(`^${pattern}/?$`, 'i'), names, handler });
    return this;
  }

  /** Finds the handler for a request; `allowed` lists methods of a path that matched with another verb. */
  match(method: string, path: string): { handler: RouteHandler<S>; params: Record<string, string> } | { allowed: string[] } {
    const allowed: string[] = [];
    for (const r of this.routes) {
      const m = r.re.exec(path);
      if (!m) continue;
      if (r.method !== method.toUpperCase()) {
        allowed.push(r.method);
        continue;
      }
      const params: Record<string, string> = {};
      r.names.forEach((n, i) => (params[n] = decodeURIComponent(m[i + 1] ?? '')));
      return { handler: r.handler, params };
    }
    return { allowed };
  }
}

/** Parses a body by its content type: JSON, form-urlencoded, or nothing. */
export function parseBody(raw: string, contentType: string | undefined): Record<string, unknown> {
  if (!raw.trim()) return {};
  if (/application\/x-www-form-urlencoded/i.test(contentType ?? '')) return Object.fromEntries(new URLSearchParams(raw));
  const parsed: unknown = JSON.parse(raw);
  return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : { value: parsed };
}
