import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ContractError } from '../../contract/errors';
import type { Router } from '../ipc/router';
import { SECURITY_HEADERS } from '../security/csp';
import { ServeSessions } from './sessions';
import { SseHub, type SseOptions } from './sse';
import { serveStatic, type StaticSource } from './static';

/** Options of the serve-mode server. */
export interface ServeOptions {
  readonly router: Router;
  /** The built renderer (index.html): its folder, or a source such as the exe's embedded files. */
  readonly staticDir: string | StaticSource;
  /** 0 picks a free port. */
  readonly port?: number;
  /** Fixed first sign-in token for tests; random per start otherwise. */
  readonly token?: string;
  /** A session ends after this long without a request (default 12 h). */
  readonly sessionIdleMs?: number;
  /** Clock for session expiry (tests). */
  readonly now?: () => number;
  /** Limits of the server-sent-events clients. */
  readonly sse?: SseOptions;
  /** Told the next one-time sign-in URL each time the current one has been used. */
  readonly onNextSignInUrl?: (url: string) => void;
}

/** A running serve-mode server. */
export interface ServeHandle {
  /** The URL to open: carries the one-time sign-in token, exchanged once for a session. */
  readonly url: string;
  readonly origin: string;
  readonly port: number;
  /** The sign-in token of `url` (works once). */
  readonly token: string;
  /** A session secret for in-process callers (tests), sent as `Authorization: Bearer`. */
  createSession(): string;
  /** Event-stream figures: bytes waiting per client, the peak, clients dropped. */
  sseStats(): ReturnType<SseHub['stats']>;
  close(): Promise<void>;
}

const MAX_BODY = 2 * 1024 * 1024;

/**
 * Serves the contract over HTTP (`POST /api/rpc/<channel>`) and server-sent events
 * (`GET /api/events`) plus the built renderer, on 127.0.0.1 only. Every request needs a Host
 * header naming this server (DNS rebinding); every API request a session secret as
 * `Authorization: Bearer`, got once for the printed token from `POST /api/session`. No cookie is
 * ever set: cookies are not port-scoped, so every other server on 127.0.0.1 would receive one.
 */
export async function startServeServer(opts: ServeOptions): Promise<ServeHandle> {
  const sessions = new ServeSessions({
    ...(opts.token ? { token: opts.token } : {}),
    ...(opts.sessionIdleMs ? { idleMs: opts.sessionIdleMs } : {}),
    ...(opts.now ? { now: opts.now } : {}),
  });
  const firstToken = sessions.currentToken();
  const sse = new SseHub(opts.sse);
  let port = 0;
  const signInUrl = (t: string) => `http://127.0.0.1:${port}/?token=${t}`;

  const unsubscribe = opts.router.events.subscribe((name, payload) => sse.broadcast(name, payload));

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
    if (!url.pathname.startsWith('/api/')) {
      if (req.method !== 'GET' && req.method !== 'HEAD') return json(res, 405, { error: 'Method not allowed' });
      // The page itself holds no secret and must load on a reload (the token is gone from the
      // address bar by then); a sign-in link that was already used or is wrong is refused.
      if (url.searchParams.has('token') && !sessions.tokenValid(url.searchParams.get('token'))) return unauthorized(res, true);
      return serveStatic(opts.staticDir, url.pathname, res, { ...SECURITY_HEADERS });
    }
    if (url.pathname === '/api/session' && req.method === 'POST') {
      const refused = requestRefused(req, host);
      if (refused) return json(res, refused.status, { error: refused.error });
      const body = await readBody(req, 4096);
      let candidate: unknown;
      try {
        candidate = (JSON.parse(body ?? '') as { token?: unknown }).token;
      } catch {
        candidate = undefined;
      }
      const session = sessions.redeem(typeof candidate === 'string' ? candidate : undefined);
      if (!session) return unauthorized(res, true);
      opts.onNextSignInUrl?.(signInUrl(sessions.currentToken()));
      return json(res, 200, { session, idleMs: sessions.idleLimitMs() });
    }
    const secret = bearer(req);
    if (!sessions.check(secret)) return unauthorized(res, false);

    if (url.pathname === '/api/events' && req.method === 'GET') {
      sse.add(req, res, () => sessions.check(secret, false));
      return;
    }
    if (url.pathname === '/api/channels' && req.method === 'GET') {
      return json(res, 200, { channels: opts.router.channelNames() });
    }
    if (url.pathname.startsWith('/api/rpc/')) {
      if (req.method !== 'POST') return json(res, 405, { error: 'Use POST' });
      const refused = requestRefused(req, host);
      if (refused) return json(res, refused.status, { error: refused.error });
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
    return json(res, 404, { error: 'Not found' });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => reject(listenError(err, opts.port ?? 0)));
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;
  return {
    url: signInUrl(firstToken),
    origin,
    port,
    token: firstToken,
    createSession: () => sessions.create(),
    sseStats: () => sse.stats(),
    close: () =>
      new Promise<void>((resolve) => {
        unsubscribe();
        sse.close();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Same-origin JSON only (CSRF): the Origin, when sent, must be this server, and the type JSON. */
function requestRefused(req: IncomingMessage, host: string): { status: number; error: string } | null {
  const origin = req.headers.origin;
  if (origin && origin !== `http://${host}`) return { status: 403, error: 'Origin not allowed' };
  if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
    return { status: 415, error: 'Content-Type must be application/json' };
  }
  return null;
}

function unauthorized(res: ServerResponse, signInLink: boolean): void {
  res
    .writeHead(401, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8', 'WWW-Authenticate': 'Bearer' })
    .end(
      signInLink
        ? 'This sign-in link was already used or is not valid. Each link printed by `engine-console serve` signs in one browser tab, once; the console prints the next link after each use.'
        : 'Unauthorized: this tab is not signed in, or its session ended after a long time without use. Open the sign-in link printed by `engine-console serve`.',
    );
}

function json(res: ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value);
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' }).end(body);
}

function bearer(req: IncomingMessage): string | undefined {
  const h = req.headers.authorization;
  return h?.startsWith('Bearer ') ? h.slice(7) : undefined;
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

/** A listen failure in words: a port in use or reserved names the port and what to do. */
export function listenError(err: NodeJS.ErrnoException, port: number): Error {
  if (err.code === 'EADDRINUSE') {
    return new ContractError(
      'CONFLICT',
      `Port ${port} on 127.0.0.1 is in use by another program. Choose another with --port N, or leave --port out to take any free port.`,
      {
        details: { field: 'port', port },
        cause: err,
      },
    );
  }
  if (err.code === 'EACCES') {
    return new ContractError(
      'CONFLICT',
      `Port ${port} on 127.0.0.1 may not be used by this account (on Windows it may be in an excluded port range: netsh int ipv4 show excludedportrange protocol=tcp). Choose another with --port N.`,
      {
        details: { field: 'port', port },
        cause: err,
      },
    );
  }
  return err;
}
