import type { IncomingMessage, ServerResponse } from 'node:http';
import { FaultInjector } from '../shared/faults';
import { readBody, sendJson, startHttpServer } from '../shared/http-server';
import { parseBody, Router } from '../shared/router';
import { serverError } from './access';
import { TokenService } from './auth';
import type { Session, SimContext } from './context';
import { registerAdminRoutes } from './routes-admin';
import { registerCoreRoutes } from './routes-core';
import { registerPipelineRoutes } from './routes-pipelines';
import { registerSecretRoutes } from './routes-secrets';
import { PipelineRunner, type RunnerOptions } from './runner';
import { seedBase, type BaseSeed } from './seed';
import { SimState } from './state';

/** Options of `startSecretServerSimulator`. */
export interface SecretServerSimulatorOptions {
  /** Base path of the application (default `/SecretServer`; `''` for a cloud-style root). */
  readonly basePath?: string;
  /** Token lifetime in seconds (default 1200 = the vendor's 20 minutes). */
  readonly expiresIn?: number;
  /** Issue single-use refresh tokens (default true). */
  readonly refreshTokens?: boolean;
  /** Value of `GET /api/v1/version` (default 11.7.2). */
  readonly version?: string;
  /** Fixed port (default 0 = any free port). */
  readonly port?: number;
  /** Seed the out-of-box data (default true). */
  readonly seed?: boolean;
  /** Distributed engine behaviour for pipeline runs. */
  readonly runner?: Partial<RunnerOptions>;
  /** Clock for token expiry and timestamps (tests move time forward with it). */
  readonly now?: () => number;
}

/** Fault switches: the generic ones plus token expiry. */
export interface SecretServerFaults extends FaultInjector {
  /** Expires every access token issued so far (a token expiring mid-run). */
  expireAllTokens(): void;
}

/** A running simulator. */
export interface SecretServerSimulator {
  /** Base URL including the base path, e.g. `http://127.0.0.1:51234/SecretServer`. */
  readonly url: string;
  readonly port: number;
  readonly state: SimState;
  readonly seed: BaseSeed | undefined;
  readonly faults: SecretServerFaults;
  readonly tokens: TokenService;
  readonly runner: PipelineRunner;
  close(): Promise<void>;
}

/** Starts a Secret Server double on 127.0.0.1 speaking the vendor's REST API. */
export async function startSecretServerSimulator(opts: SecretServerSimulatorOptions = {}): Promise<SecretServerSimulator> {
  const basePath = (opts.basePath ?? '/SecretServer').replace(/\/$/, '');
  const now = opts.now ?? Date.now;
  const state = new SimState(() => new Date(now()));
  const seed = opts.seed === false ? undefined : seedBase(state);
  const tokens = new TokenService(state, { expiresIn: opts.expiresIn ?? 1200, issueRefreshTokens: opts.refreshTokens ?? true }, now);
  const runner = new PipelineRunner(state, { scriptTimeoutMs: 300_000, allowConfidentialFields: true, ...opts.runner });
  const router = new Router<Session>();
  const ctx: SimContext = { state, tokens, runner, router };
  registerCoreRoutes(ctx, opts.version ?? '11.7.2');
  registerSecretRoutes(ctx);
  registerAdminRoutes(ctx);
  registerPipelineRoutes(ctx);
  const faults = Object.assign(new FaultInjector(), { expireAllTokens: () => tokens.expireAll() }) as SecretServerFaults;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = url.pathname;
    if (await faults.apply(req, res, path)) return;
    if (basePath && !path.toLowerCase().startsWith(`${basePath.toLowerCase()}/`)) return iisNotFound(res);
    const rel = path.slice(basePath.length);
    const raw = await readBody(req);
    let body: Record<string, unknown>;
    try {
      body = parseBody(raw, req.headers['content-type']);
    } catch {
      return sendJson(res, 400, {
        message: 'The request is invalid.',
        messageDetail: 'The request body is not valid JSON.',
        errorCode: 'API_InvalidJson',
        modelState: { args: ['Invalid JSON.'] },
      });
    }
    if (rel.toLowerCase() === '/oauth2/token' && req.method === 'POST') {
      const out = tokens.grant(body, header(req, 'otp'));
      return sendJson(res, out?.status ?? 500, out?.body);
    }
    if (rel.toLowerCase() === '/api/v1/healthcheck') {
      return sendJson(res, 200, {
        healthy: true,
        databaseHealthy: true,
        serviceBusHealthy: true,
        storageAccountHealthy: true,
        scheduledForDeletion: false,
        databaseMismatch: false,
        readOnlyMode: false,
        now: state.now(),
        utcNow: state.now(),
        provisionDeletionDateTime: null,
      });
    }
    const auth = tokens.authenticate(req.headers.authorization);
    if ('status' in auth) return sendJson(res, auth.status, { message: 'Authentication failed' });
    state.stats.apiCalls++;
    const match = router.match(req.method ?? 'GET', rel);
    if (!('handler' in match)) {
      if (match.allowed.length)
        return sendJson(
          res,
          405,
          { message: `The requested resource does not support http method '${req.method}'.` },
          { allow: match.allowed.join(', ') },
        );
      return sendJson(res, 404, { message: `No HTTP resource was found that matches the request URI '${url.href}'.` });
    }
    let out;
    try {
      out = await match.handler({
        req,
        res,
        method: req.method ?? 'GET',
        path: rel,
        params: match.params,
        query: url.searchParams,
        body,
        rawBody: raw,
        session: { user: auth.user },
      });
    } catch (err) {
      out = serverError(err);
    }
    if (out) sendJson(res, out.status, out.body, out.headers);
  }

  const server = await startHttpServer(handle, opts.port ?? 0);
  return {
    url: `${server.url}${basePath}`,
    port: server.port,
    state,
    seed,
    faults,
    tokens,
    runner,
    close: async () => {
      await runner.idle().catch(() => undefined);
      await server.close();
    },
  };
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function iisNotFound(res: ServerResponse): void {
  res.writeHead(404, { 'content-type': 'text/html' });
  res.end(
    '<!DOCTYPE html><html><head><title>404 - File or directory not found.</title></head><body><h2>404 - File or directory not found.</h2></body></html>',
  );
}
