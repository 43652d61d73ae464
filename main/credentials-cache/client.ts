import { ContractError } from '../../contract/errors';
import { htmlError, httpError, isHtml, parseJson, responseError, safeUrl, type HttpClient, type HttpResponse } from '../http';
import type { CacheCredentials, CacheInstance } from './types';

/** Options every call accepts. */
export interface CacheCallOptions {
  readonly signal?: AbortSignal;
  readonly timeoutMs?: number;
}

/** Joins an instance's base URL (with its IIS folder) and an API path. */
export function instanceUrl(instance: CacheInstance, path: string): string {
  const base = instance.url.endsWith('/') ? instance.url : `${instance.url}/`;
  return new URL(path.replace(/^\/+/, ''), base).toString();
}

/** Field names from an ASP.NET Core ProblemDetails `errors` map, for "which field" messages. */
function problemFields(res: HttpResponse): string[] {
  try {
    const body = JSON.parse(res.text) as { errors?: Record<string, unknown> };
    return Object.keys(body.errors ?? {});
  } catch {
    return [];
  }
}

/**
 * `POST /api/token` (form `Username, Password, BaseUrl, Domain`): the cache logs in to Secret Server
 * on the caller's behalf and returns its own bearer token.
 */
export async function getToken(
  http: HttpClient,
  instance: CacheInstance,
  creds: CacheCredentials,
  opts: CacheCallOptions = {},
): Promise<string> {
  const url = instanceUrl(instance, 'api/token');
  const secrets = [creds.password];
  const res = await http.request({
    method: 'POST',
    url,
    form: { Username: creds.username, Password: creds.password, BaseUrl: creds.baseUrl, Domain: creds.domain ?? '' },
    // Logging in has no side effect, so a reset or 502 may be retried.
    idempotent: true,
    ...opts,
  });
  if (res.status === 401) {
    throw httpError(
      'UNAUTHENTICATED',
      `${instance.name}: /api/token answered 401 — Secret Server at ${creds.baseUrl} rejected the application account "${creds.username}". ` +
        'Check the username, password and domain (the pipeline script passes them as arguments 2, 3 and 5).',
      { details: { status: 401, url: safeUrl(url), field: 'password', step: 'token' }, secrets },
    );
  }
  if (res.status === 400 && !isHtml(res)) {
    const fields = problemFields(res);
    throw httpError(
      'VALIDATION',
      `${instance.name}: /api/token refused the request (400)${fields.length ? `: missing or invalid ${fields.join(', ')}` : ''}.`,
      {
        details: { status: 400, url: safeUrl(url), ...(fields[0] ? { field: fields[0] } : {}) },
        secrets,
      },
    );
  }
  if (res.status === 500) {
    throw httpError(
      'UNAVAILABLE',
      `${instance.name}: /api/token failed with 500 — the cache may not reach Secret Server at ${creds.baseUrl}; see its log.`,
      {
        retryable: true,
        details: { status: 500, url: safeUrl(url) },
        secrets,
      },
    );
  }
  if (res.status < 200 || res.status >= 300) throw responseError(res, secrets);
  const body = parseJson<{ token?: unknown } | undefined>(res, secrets);
  if (!body || typeof body.token !== 'string' || !body.token) {
    throw httpError(
      'BAD_RESPONSE',
      `${instance.name}: /api/token answered ${res.status} without a token — is the URL a Credentials Cache?`,
      {
        details: { status: res.status, url: safeUrl(url) },
      },
    );
  }
  return body.token;
}

/** `POST /api/secretchanged` with `{ secretId }`; only 202 Accepted counts as success. */
export async function secretChanged(
  http: HttpClient,
  instance: CacheInstance,
  token: string,
  secretId: string | number,
  opts: CacheCallOptions = {},
): Promise<number> {
  const url = instanceUrl(instance, 'api/secretchanged');
  const res = await http.request({
    method: 'POST',
    url,
    headers: { authorization: `Bearer ${token}` },
    json: { secretId: String(secretId) },
    // A repeated notification only re-reads the secret once more.
    idempotent: true,
    ...opts,
  });
  if (res.status === 202) return 202;
  if (res.status === 401) {
    throw httpError('UNAUTHENTICATED', `${instance.name}: /api/secretchanged answered 401 — the cache token was rejected or has expired.`, {
      details: { status: 401, url: safeUrl(url), step: 'secretchanged' },
      secrets: [token],
    });
  }
  if (res.status >= 200 && res.status < 300) {
    // An IIS or proxy page can answer 200; only the documented 202 proves the cache took the request.
    if (isHtml(res)) throw htmlError(res, [token]);
    throw httpError('BAD_RESPONSE', `${instance.name}: /api/secretchanged answered ${res.status}, expected 202 Accepted.`, {
      details: { status: res.status, url: safeUrl(url) },
    });
  }
  throw responseError(res, [token]);
}

/** `GET /swagger/index.html`, the install guide's check that the cache is up and the folder right. */
export async function checkReachable(
  http: HttpClient,
  instance: CacheInstance,
  opts: CacheCallOptions & { now?: () => number } = {},
): Promise<{ status: number; durationMs: number }> {
  const now = opts.now ?? (() => performance.now());
  const started = now();
  const url = instanceUrl(instance, 'swagger/index.html');
  const res = await http.request({
    method: 'GET',
    url,
    headers: { accept: 'text/html' },
    retry: false,
    ...(opts.signal ? { signal: opts.signal } : {}),
    ...(opts.timeoutMs ? { timeoutMs: opts.timeoutMs } : {}),
  });
  const durationMs = now() - started;
  if (res.status === 200 && /swagger/i.test(res.text)) return { status: 200, durationMs };
  if (res.status === 404) {
    throw new ContractError(
      'NOT_FOUND',
      `${instance.name}: no Swagger page at ${safeUrl(url)} — check the application folder in the URL (e.g. /DelineaCredCache).`,
      {
        details: { status: 404, url: safeUrl(url) },
      },
    );
  }
  if (res.status >= 200 && res.status < 300) {
    throw new ContractError(
      'BAD_RESPONSE',
      `${instance.name}: ${safeUrl(url)} answered ${res.status} but is not the Credentials Cache Swagger page.`,
      {
        details: { status: res.status, url: safeUrl(url) },
      },
    );
  }
  throw responseError(res);
}
