import { EventEmitter } from 'node:events';
import { mkdtempSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readBody, sendJson, startHttpServer, type TlsOptions } from '../shared/http-server';
import { CacheFaults } from './faults';
import { CacheLog, type LogLevel } from './log';
import { required, sendProblem, sendUnauthorized } from './problem';
import { SessionStore, type CacheSession } from './sessions';
import { writeAppSettings, type CacheSettings } from './settings';
import { swaggerHtml, swaggerJson } from './swagger';
import { describeFailure, upstreamLogin, upstreamSecret, type UpstreamResult } from './upstream';

/** How to start one cache instance. */
export interface CredentialsCacheOptions {
  /** The IIS application folder; a temporary folder when omitted. `appsettings.json` is written here. */
  readonly installDir?: string;
  /** Path prefix the instance is served under, e.g. `/DelineaCredCache` (default: none). */
  readonly basePath?: string;
  readonly enableLogging?: boolean;
  /** Defaults to `<installDir>/Logs`. */
  readonly logPath?: string;
  readonly cacheTtlMinutes?: number;
  /** Lifetime of the tokens `/api/token` issues (default 20 minutes; the real value is unknown). */
  readonly tokenLifetimeMs?: number;
  readonly now?: () => Date;
  readonly port?: number;
  /** Adds an https binding with this certificate (e.g. a self-signed one the engine host does not trust). */
  readonly tls?: TlsOptions;
}

/** The outcome of one background refresh after `/api/secretchanged`. */
export interface RefreshRecord {
  readonly secretId: string;
  readonly ok: boolean;
  readonly at: Date;
  readonly error?: string;
}

/** A running Credentials Cache double. */
export interface CredentialsCacheSimulator {
  /** Base URL including `basePath`, as an admin would type it (`http://127.0.0.1:port/DelineaCredCache`). */
  readonly url: string;
  /** The https binding's base URL (with `basePath`) when started with `tls`. */
  readonly httpsUrl?: string;
  readonly installDir: string;
  readonly appSettingsFile: string;
  readonly faults: CacheFaults;
  /** Every background refresh, oldest first. */
  readonly refreshes: readonly RefreshRecord[];
  settings(): CacheSettings;
  /** Rewrites `appsettings.json` and applies it (e.g. turn EnableLogging off). */
  updateSettings(patch: Partial<CacheSettings>): void;
  /** The cached Secret Server secret for an id, if any. */
  cached(secretId: string): unknown;
  /** Resolves with the first refresh of `secretId` (already done or future); rejects after `timeoutMs`. */
  waitForRefresh(secretId: string, timeoutMs?: number): Promise<RefreshRecord>;
  /** Invalidates every issued token. */
  expireTokens(): void;
  /** Writes a log line as the service would (demo history, correlation tests); honours EnableLogging. */
  writeLog(level: LogLevel, message: string, at?: Date): void;
  close(): Promise<void>;
}

/** Starts a Credentials Cache double on 127.0.0.1 that talks to any Secret Server over its REST API. */
export async function startCredentialsCacheSimulator(opts: CredentialsCacheOptions = {}): Promise<CredentialsCacheSimulator> {
  const installDir = opts.installDir ?? mkdtempSync(join(tmpdir(), 'credcache-'));
  const basePath = (opts.basePath ?? '').replace(/\/+$/, '');
  const now = opts.now ?? (() => new Date());
  let settings: CacheSettings = {
    EnableLogging: opts.enableLogging ?? true,
    LogPath: opts.logPath ?? join(installDir, 'Logs'),
    CacheTtlMinutes: opts.cacheTtlMinutes ?? 10,
  };
  const appSettingsFile = writeAppSettings(installDir, settings);
  const log = new CacheLog(() => settings, now);
  const faults = new CacheFaults();
  const sessions = new SessionStore(opts.tokenLifetimeMs ?? 20 * 60_000, () => now().getTime());
  const cache = new Map<string, { secret: unknown; fetchedAt: number }>();
  const refreshes: RefreshRecord[] = [];
  const events = new EventEmitter();

  const fetchUpstream = async (session: CacheSession, secretId: string): Promise<UpstreamResult<unknown>> => {
    if (faults.takeUpstreamFailure()) return { ok: false, failure: { kind: 'unreachable', reason: 'injected upstream failure' } };
    return upstreamSecret(session.baseUrl, session.upstream.accessToken, secretId);
  };

  const refresh = async (session: CacheSession, secretId: string): Promise<void> => {
    const got = await fetchUpstream(session, secretId);
    let record: RefreshRecord;
    if (got.ok) {
      cache.set(secretId, { secret: got.value, fetchedAt: now().getTime() });
      log.write('INF', `Secret retrieved from Secret Server for secretId=${secretId}`);
      log.write('INF', `Cache updated for secretId=${secretId}`);
      record = { secretId, ok: true, at: now() };
    } else {
      const error = describeFailure(got.failure);
      log.write('ERR', `Failed to refresh secretId=${secretId}: ${error}`);
      record = { secretId, ok: false, at: now(), error };
    }
    refreshes.push(record);
    events.emit('refresh', record);
  };

  const token = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (!/application\/x-www-form-urlencoded/i.test(req.headers['content-type'] ?? ''))
      return sendProblem(res, 415, 'Unsupported Media Type');
    const form = new URLSearchParams(await readBody(req));
    for (const field of ['Username', 'Password', 'BaseUrl'] as const) {
      if (!form.get(field)) {
        // Guessed wording; a blank Password is what a blocked $PASSWORD script argument sends.
        log.write('WRN', `Token request rejected: the ${field} field is required (user ${form.get('Username') || '(none)'})`);
        return sendProblem(res, 400, 'One or more validation errors occurred.', required(field));
      }
    }
    const username = form.get('Username') ?? '';
    const baseUrl = form.get('BaseUrl') ?? '';
    const login = faults.takeUpstreamFailure()
      ? ({ ok: false, failure: { kind: 'unreachable', reason: 'injected upstream failure' } } as const)
      : await upstreamLogin(baseUrl, { username, password: form.get('Password') ?? '', domain: form.get('Domain') ?? '' }, now().getTime());
    if (!login.ok) {
      log.write(
        login.failure.kind === 'rejected' ? 'WRN' : 'ERR',
        `Token request failed for user ${username}: ${describeFailure(login.failure)}`,
      );
      // Guess: rejected credentials surface as 401; an unreachable Secret Server as an unhandled 500.
      if (login.failure.kind === 'rejected') return sendProblem(res, 401, 'Unauthorized');
      res.writeHead(500, { 'content-length': 0 }).end();
      return;
    }
    log.write('INF', `Token issued for user ${username}`);
    sendJson(res, 200, { token: sessions.issue(username, baseUrl, login.value) });
  };

  const secretChanged = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const session = sessions.fromHeader(req.headers.authorization);
    if (!session) return sendUnauthorized(res, Boolean(req.headers.authorization));
    if (!/application\/json/i.test(req.headers['content-type'] ?? '')) return sendProblem(res, 415, 'Unsupported Media Type');
    let body: unknown;
    try {
      body = JSON.parse(await readBody(req));
    } catch {
      return sendProblem(res, 400, 'One or more validation errors occurred.', { $: ['The JSON value could not be converted.'] });
    }
    const raw = (body as { secretId?: unknown } | null)?.secretId;
    const secretId = typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw.trim() : '';
    if (!secretId) return sendProblem(res, 400, 'One or more validation errors occurred.', required('secretId'));
    log.write('INF', `SecretChanged received for secretId=${secretId}`);
    res.writeHead(202, { 'content-length': 0 }).end();
    // The vendor doc: validate, answer 202, then fetch from Secret Server and upsert in the cache.
    void refresh(session, secretId);
  };

  // Path and shape are a guess: the vendor lists "API Credential by ID" without showing it.
  const credential = async (req: IncomingMessage, res: ServerResponse, secretId: string): Promise<void> => {
    const session = sessions.fromHeader(req.headers.authorization);
    if (!session) return sendUnauthorized(res, Boolean(req.headers.authorization));
    const hit = cache.get(secretId);
    if (hit && now().getTime() - hit.fetchedAt < settings.CacheTtlMinutes * 60_000) {
      log.write('INF', `Credential served from cache for secretId=${secretId}`);
      return sendJson(res, 200, hit.secret);
    }
    const got = await fetchUpstream(session, secretId);
    if (!got.ok) {
      log.write('ERR', `Credential fetch failed for secretId=${secretId}: ${describeFailure(got.failure)}`);
      if (got.failure.kind === 'rejected' && got.failure.status === 404) return sendProblem(res, 404, 'Not Found');
      res.writeHead(500, { 'content-length': 0 }).end();
      return;
    }
    cache.set(secretId, { secret: got.value, fetchedAt: now().getTime() });
    log.write('INF', `Credential fetched from Secret Server and cached for secretId=${secretId}`);
    sendJson(res, 200, got.value);
  };

  const handler = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (!url.pathname.toLowerCase().startsWith(basePath.toLowerCase())) return sendProblem(res, 404, 'Not Found');
    const path = url.pathname.slice(basePath.length) || '/';
    if (await faults.apply(req, res, path)) return;
    const method = req.method ?? 'GET';
    const lower = path.toLowerCase();
    if (lower === '/api/token' && method === 'POST') return token(req, res);
    if (lower === '/api/secretchanged' && method === 'POST') return secretChanged(req, res);
    const cred = /^\/api\/credential\/([^/]+)$/i.exec(path);
    if (cred?.[1] && method === 'GET') return credential(req, res, decodeURIComponent(cred[1]));
    if (lower === '/swagger/index.html' && method === 'GET') {
      const html = swaggerHtml(basePath);
      res.writeHead(200, { 'content-type': 'text/html;charset=utf-8', 'content-length': Buffer.byteLength(html) }).end(html);
      return;
    }
    if (lower === '/swagger/v1/swagger.json' && method === 'GET') return sendJson(res, 200, swaggerJson());
    if (['/api/token', '/api/secretchanged'].includes(lower)) {
      res.writeHead(405, { allow: 'POST', 'content-length': 0 }).end();
      return;
    }
    res.writeHead(404, { 'content-length': 0 }).end();
  };
  const server = await startHttpServer(handler, opts.port ?? 0);
  // IIS sites often carry an http and an https binding; the https one is only there when asked for.
  const secure = opts.tls ? await startHttpServer(handler, 0, opts.tls) : undefined;
  log.write('INF', `Delinea Credentials Cache started; listening on ${server.url}${basePath}`);

  return {
    url: `${server.url}${basePath}`,
    ...(secure ? { httpsUrl: `${secure.url}${basePath}` } : {}),
    installDir,
    appSettingsFile,
    faults,
    refreshes,
    settings: () => settings,
    updateSettings(patch) {
      settings = { ...settings, ...patch };
      writeAppSettings(installDir, settings);
    },
    cached: (secretId) => cache.get(secretId)?.secret,
    waitForRefresh(secretId, timeoutMs = 10_000) {
      const done = refreshes.find((r) => r.secretId === secretId);
      if (done) return Promise.resolve(done);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          events.off('refresh', onRefresh);
          reject(new Error(`No refresh of secretId=${secretId} within ${timeoutMs} ms`));
        }, timeoutMs);
        const onRefresh = (r: RefreshRecord): void => {
          if (r.secretId !== secretId) return;
          clearTimeout(timer);
          events.off('refresh', onRefresh);
          resolve(r);
        };
        events.on('refresh', onRefresh);
      });
    },
    expireTokens: () => sessions.expireAll(),
    writeLog: (level, message, at) => log.write(level, message, at),
    close: async () => {
      await Promise.all([server.close(), secure?.close()]);
    },
  };
}
