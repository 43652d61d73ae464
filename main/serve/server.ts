import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Router } from '../ipc/router';
import { SECURITY_HEADERS } from '../security/csp';
import { serveStatic } from './static';

/** Options of the serve-mode server. */
export interface ServeOptions {
  readonly router: Router;
  /** Folder of the built renderer (index.html). */
  readonly staticDir: string;
  /** 0 picks a free port. */
  readonly port?: number;
  /** Fixed token for tests; random per start otherwise. */
  readonly token?: string;
}

/** A running serve-mode server. */
export interface ServeHandle {
  /** The URL to open: carries the session token once, which becomes a cookie. */
  readonly url: string;
  readonly origin: string;
  readonly port: number;
  readonly token: string;
  close(): Promise<void>;
}

const COOKIE = 'ec_session';
const MAX_BODY = 2 * 1024 * 1024;

/**
 * Serves the contract over HTTP (`POST /api/rpc/<channel>`) and server-sent events
 * (`GET /api/events`) plus the built renderer, on 127.0.0.1 only. Every request needs the
 * per-start token (cookie or Bearer) and a Host header naming this server (DNS rebinding).
 */
export async function startServeServer(opts: ServeOptions): Promise<ServeHandle> {
  const token = opts.token ?? randomBytes(32).toString('base64url');
  const tokenBuf = Buffer.from(token);
  const sse = new Set<ServerResponse>();
  let port = 0;

  const unsubscribe = opts.router.events.subscribe((name, payload) => {
    const frame = `data: ${JSON.stringify({ name, payload })}\n\n`;
    for (const res of sse) res.write(frame);
  });

  const tokenOk = (candidate: string | undefined): boolean => {
    if (!candidate) return false;
    const buf = Buffer.from(candidate);
    return buf.length === tokenBuf.length && timingSafeEqual(buf, tokenBuf);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500, SECURITY_HEADERS).end('Internal error');
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const host = req.headers.host ?? '';
    if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) {
      res.writeHead(403, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain' }).end('Host not allowed');
      return;
    }
    const url = new URL(req.url ?? '/', `http://${host}`);
    const queryToken = url.searchParams.get('token');
    if (req.method === 'GET' && queryToken !== null) {
      if (!tokenOk(queryToken)) return unauthorized(res);
      url.searchParams.delete('token');
      res
        .writeHead(302, {
          ...SECURITY_HEADERS,
          'Set-Cookie': `${COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`,
          Location: url.pathname + (url.search || ''),
        })
        .end();
      return;
    }
    if (!tokenOk(bearer(req) ?? cookie(req, COOKIE))) return unauthorized(res);

    if (url.pathname === '/api/events' && req.method === 'GET') {
      res.writeHead(200, {
        ...SECURITY_HEADERS,
        'Content-Type': 'text/event-stream',
        'Cache-Control': 'no-store',
        Connection: 'keep-alive',
      });
      res.write(': connected\n\n');
      sse.add(res);
      const beat = setInterval(() => res.write(': keep-alive\n\n'), 15_000);
      req.on('close', () => {
        clearInterval(beat);
        sse.delete(res);
      });
      return;
    }
    if (url.pathname === '/api/channels' && req.method === 'GET') {
      return json(res, 200, { channels: opts.router.channelNames() });
    }
    if (url.pathname.startsWith('/api/rpc/')) {
      if (req.method !== 'POST') return json(res, 405, { error: 'Use POST' });
      const origin = req.headers.origin;
      if (origin && origin !== `http://${host}`) return json(res, 403, { error: 'Origin not allowed' });
      if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
        return json(res, 415, { error: 'Content-Type must be application/json' });
      }
      const body = await readBody(req, MAX_BODY);
      if (body === null) return json(res, 413, { error: 'Request too large' });
      let parsed: { payload?: unknown; requestId?: unknown };
      try {
        parsed = body.length ? (JSON.parse(body) as typeof parsed) : {};
        if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
      } catch {
        return json(res, 200, {
          ok: false,
          error: { code: 'VALIDATION', message: 'The request body is not a JSON object', retryable: false },
        });
      }
      const channel = decodeURIComponent(url.pathname.slice('/api/rpc/'.length));
      const abort = new AbortController();
      res.on('close', () => {
        if (!res.writableFinished) abort.abort();
      });
      const envelope = await opts.router.dispatch(channel, parsed.payload, { requestId: parsed.requestId, signal: abort.signal });
      return json(res, 200, envelope);
    }
    if (url.pathname.startsWith('/api/')) return json(res, 404, { error: 'Not found' });
    if (req.method !== 'GET' && req.method !== 'HEAD') return json(res, 405, { error: 'Method not allowed' });
    serveStatic(opts.staticDir, url.pathname, res, { ...SECURITY_HEADERS });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}/?token=${token}`,
    origin,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        unsubscribe();
        for (const res of sse) res.end();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function unauthorized(res: ServerResponse): void {
  res
    .writeHead(401, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain', 'WWW-Authenticate': 'Bearer' })
    .end('Unauthorized: open the URL printed by `engine-console serve`.');
}

function json(res: ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value);
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' }).end(body);
}

function bearer(req: IncomingMessage): string | undefined {
  const h = req.headers.authorization;
  return h?.startsWith('Bearer ') ? h.slice(7) : undefined;
}

function cookie(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return v.join('=');
  }
  return undefined;
}

function readBody(req: IncomingMessage, limit: number): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) over = true;
      else chunks.push(c);
    });
    req.on('end', () => resolve(over ? null : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
