import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson } from './http-server';

/** Limits a fault to matching request paths (substring or regular expression). */
export type PathMatcher = string | RegExp | undefined;

interface Counted {
  remaining: number;
  readonly path?: PathMatcher;
}

/**
 * Switchable faults for any simulator: latency, status bursts (429/503…), connection resets and
 * HTML pages. Each counted fault consumes one matching request; `clear()` turns everything off.
 */
export class FaultInjector {
  private latencyMs = 0;
  private bursts: Array<Counted & { status: number; retryAfter?: number; body?: unknown }> = [];
  private resets: Counted[] = [];
  private htmlPages: Array<Counted & { status: number }> = [];
  /** How many requests each fault kind has answered, for assertions. */
  readonly served = { burst: 0, reset: 0, html: 0 };

  /** Delays every reply by `ms` (0 turns it off). */
  latency(ms: number): this {
    this.latencyMs = ms;
    return this;
  }

  /** Answers the next `count` matching requests with `status` (e.g. 429 with Retry-After, or 503). */
  burst(opts: { status: number; count: number; path?: PathMatcher; retryAfter?: number; body?: unknown }): this {
    this.bursts.push({ ...opts, remaining: opts.count });
    return this;
  }

  /** Destroys the socket of the next `count` matching requests without answering. */
  reset(opts: { count: number; path?: PathMatcher }): this {
    this.resets.push({ remaining: opts.count, path: opts.path });
    return this;
  }

  /** Answers the next `count` matching requests with an HTML error page (200 or 500). */
  html(opts: { count: number; status?: number; path?: PathMatcher }): this {
    this.htmlPages.push({ remaining: opts.count, path: opts.path, status: opts.status ?? 200 });
    return this;
  }

  /** Turns every fault off. */
  clear(): this {
    this.latencyMs = 0;
    this.bursts = [];
    this.resets = [];
    this.htmlPages = [];
    return this;
  }

  /** Applies the faults to one request; true when the fault already answered (or killed) it. */
  async apply(req: IncomingMessage, res: ServerResponse, path: string): Promise<boolean> {
    if (this.latencyMs > 0) await new Promise((r) => setTimeout(r, this.latencyMs));
    if (take(this.resets, path)) {
      this.served.reset++;
      req.socket.destroy();
      return true;
    }
    const burst = take(this.bursts, path);
    if (burst) {
      this.served.burst++;
      const headers: Record<string, string> = burst.retryAfter !== undefined ? { 'retry-after': String(burst.retryAfter) } : {};
      sendJson(res, burst.status, burst.body ?? { message: burst.status === 429 ? 'Too many requests' : 'Service Unavailable' }, headers);
      return true;
    }
    const html = take(this.htmlPages, path);
    if (html) {
      this.served.html++;
      const page = `<!DOCTYPE html><html><head><title>${html.status >= 500 ? 'Runtime Error' : 'Login'}</title></head><body><h1>Server Error in '/' Application.</h1></body></html>`;
      res.writeHead(html.status, { 'content-type': 'text/html; charset=utf-8' });
      res.end(page);
      return true;
    }
    return false;
  }
}

function take<T extends Counted>(list: T[], path: string): T | undefined {
  const hit = list.find((f) => f.remaining > 0 && matches(f.path, path));
  if (hit) hit.remaining--;
  return hit;
}

function matches(m: PathMatcher, path: string): boolean {
  if (m === undefined) return true;
  return typeof m === 'string' ? path.includes(m) : m.test(path);
}
