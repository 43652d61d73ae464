import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { logFileName, startCredentialsCacheSimulator, type CredentialsCacheSimulator } from '../../../simulators/credentials-cache';
import { APP_ACCOUNT, SECRET_VALUE, startSecretServerStub, type SecretServerStub } from './ss-stub';

// Wire-level behaviour of the Credentials Cache double, driven with plain fetch.
let ss: SecretServerStub;
let cache: CredentialsCacheSimulator;

beforeAll(async () => {
  ss = await startSecretServerStub();
  cache = await startCredentialsCacheSimulator({ basePath: '/DelineaCredCache' });
});
afterAll(async () => {
  await cache.close();
  await ss.close();
});
afterEach(() => {
  cache.faults.clear();
  cache.updateSettings({ EnableLogging: true });
});

const form = (fields: Record<string, string>): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields).toString(),
});

async function token(): Promise<string> {
  const res = await fetch(
    `${cache.url}/api/token`,
    form({ Username: APP_ACCOUNT.username, Password: APP_ACCOUNT.password, BaseUrl: ss.url, Domain: '' }),
  );
  expect(res.status).toBe(200);
  return ((await res.json()) as { token: string }).token;
}

const changed = (bearer: string | undefined, body: unknown): Promise<Response> =>
  fetch(`${cache.url}/api/secretchanged`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
    body: JSON.stringify(body),
  });

const todaysLog = (): string => join(cache.settings().LogPath, logFileName(new Date()));

describe('Credentials Cache simulator', () => {
  it('writes appsettings.json with the vendor keys into its install folder', () => {
    const doc = JSON.parse(readFileSync(cache.appSettingsFile, 'utf8')) as Record<string, unknown>;
    expect(cache.appSettingsFile).toBe(join(cache.installDir, 'appsettings.json'));
    expect(doc).toMatchObject({ AllowedHosts: '*', EnableLogging: true, LogPath: join(cache.installDir, 'Logs') });
    expect(doc.Logging).toBeDefined();
  });

  it('issues a token after logging in upstream, and answers bad credentials with 401', async () => {
    expect(await token()).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(ss.calls).toContain('POST /oauth2/token');
    const bad = await fetch(`${cache.url}/api/token`, form({ Username: APP_ACCOUNT.username, Password: 'wrong', BaseUrl: ss.url }));
    expect(bad.status).toBe(401);
  });

  it('answers a missing form field with ASP.NET Core ProblemDetails and a non-form body with 415', async () => {
    const res = await fetch(`${cache.url}/api/token`, form({ Username: 'u', BaseUrl: ss.url }));
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    const body = (await res.json()) as { title: string; status: number; errors: Record<string, string[]>; traceId: string };
    expect(body).toMatchObject({
      title: 'One or more validation errors occurred.',
      status: 400,
      errors: { Password: ['The Password field is required.'] },
    });
    expect(body.traceId).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-00$/);
    const json = await fetch(`${cache.url}/api/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(json.status).toBe(415);
  });

  it('requires a Bearer token on secretchanged: 401, empty body, WWW-Authenticate', async () => {
    const none = await changed(undefined, { secretId: '1' });
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toBe('Bearer');
    expect(await none.text()).toBe('');
    const bad = await changed('not-a-token', { secretId: '1' });
    expect(bad.status).toBe(401);
    expect(bad.headers.get('www-authenticate')).toContain('invalid_token');
  });

  it('accepts secretchanged with 202, re-reads the secret upstream in the background and logs without values', async () => {
    const t = await token();
    const res = await changed(t, { secretId: '1234' });
    expect(res.status).toBe(202);
    const done = await cache.waitForRefresh('1234');
    expect(done.ok).toBe(true);
    expect(cache.cached('1234')).toMatchObject({ id: 1234 });
    expect(ss.calls).toContain('GET /api/v1/secrets/1234');
    const log = readFileSync(todaysLog(), 'utf8');
    expect(log).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{3} \+00:00 \[INF\] SecretChanged received for secretId=1234$/m);
    expect(log).toContain('Cache updated for secretId=1234');
    expect(log).not.toContain(APP_ACCOUNT.password);
    expect(log).not.toContain(SECRET_VALUE);
  });

  it("writes back-dated lines to that day's file for demo history", () => {
    const at = new Date(Date.UTC(2025, 0, 31, 14, 2, 11, 123));
    cache.writeLog('WRN', 'Secret Server slow to answer for secretId=1234', at);
    expect(readFileSync(join(cache.settings().LogPath, 'credcache-20250131.log'), 'utf8')).toBe(
      '2025-01-31 14:02:11.123 +00:00 [WRN] Secret Server slow to answer for secretId=1234\n',
    );
  });

  it('rejects a body without secretId with 400 ProblemDetails', async () => {
    const res = await changed(await token(), { other: 1 });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { errors: Record<string, unknown> }).errors).toHaveProperty('secretId');
  });

  it('logs an error line when the upstream fetch fails', async () => {
    const t = await token();
    cache.faults.upstreamDown(1);
    expect((await changed(t, { secretId: '77' })).status).toBe(202);
    const done = await cache.waitForRefresh('77');
    expect(done.ok).toBe(false);
    expect(readFileSync(todaysLog(), 'utf8')).toMatch(/\[ERR\] Failed to refresh secretId=77: Secret Server unreachable/);
    expect((await changed(t, { secretId: '99999' })).status).toBe(202);
    expect((await cache.waitForRefresh('99999')).error).toContain('HTTP 404');
  });

  it('serves a credential by id (guessed path) from Secret Server, then from its cache', async () => {
    const t = await token();
    const before = ss.calls.filter((c) => c === 'GET /api/v1/secrets/555').length;
    const get = (): Promise<Response> => fetch(`${cache.url}/api/credential/555`, { headers: { authorization: `Bearer ${t}` } });
    expect(((await (await get()).json()) as { id: number }).id).toBe(555);
    expect((await get()).status).toBe(200);
    expect(ss.calls.filter((c) => c === 'GET /api/v1/secrets/555').length - before).toBe(1);
    expect((await fetch(`${cache.url}/api/credential/555`)).status).toBe(401);
  });

  it('serves the Swagger page for reachability checks under its folder', async () => {
    const res = await fetch(`${cache.url}/swagger/index.html`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(await res.text()).toContain('swagger-ui');
    expect((await fetch(cache.url.replace('/DelineaCredCache', '/swagger/index.html'))).status).toBe(404);
  });

  it('injects 503 bursts, HTML pages and resets', async () => {
    cache.faults.burst({ status: 503, count: 1 });
    expect((await fetch(`${cache.url}/swagger/index.html`)).status).toBe(503);
    cache.faults.html({ count: 1, status: 200 });
    expect(await (await fetch(`${cache.url}/api/token`, form({}))).text()).toContain('<html>');
    cache.faults.reset({ count: 1 });
    await expect(fetch(`${cache.url}/swagger/index.html`)).rejects.toThrow();
  });
});

describe('Credentials Cache simulator with EnableLogging false', () => {
  it('writes no log file at all', async () => {
    const quiet = await startCredentialsCacheSimulator({ enableLogging: false });
    try {
      const t = await fetch(
        `${quiet.url}/api/token`,
        form({ Username: APP_ACCOUNT.username, Password: APP_ACCOUNT.password, BaseUrl: ss.url }),
      );
      const { token: bearer } = (await t.json()) as { token: string };
      const res = await fetch(`${quiet.url}/api/secretchanged`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` },
        body: JSON.stringify({ secretId: '5' }),
      });
      expect(res.status).toBe(202);
      expect((await quiet.waitForRefresh('5')).ok).toBe(true);
      const logDir = quiet.settings().LogPath;
      expect(existsSync(logDir) ? readdirSync(logDir) : []).toEqual([]);
      expect(JSON.parse(readFileSync(quiet.appSettingsFile, 'utf8'))).toMatchObject({ EnableLogging: false });
    } finally {
      await quiet.close();
    }
  });
});
