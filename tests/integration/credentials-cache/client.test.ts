import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Agent } from 'undici';
import type { RefreshOutcome } from '../../../contract/channels/fleet';
import {
  checkReachable,
  createCacheApi,
  getToken,
  refreshSecretEverywhere,
  secretChanged,
  type CacheApi,
  type CacheInstance,
  type RefreshTarget,
} from '../../../main/credentials-cache';
import { createHttpClient, type HttpClient } from '../../../main/http';
import { logFileName, startCredentialsCacheSimulator, type CredentialsCacheSimulator } from '../../../simulators/credentials-cache';
import { APP_ACCOUNT, SECRET_VALUE, startSecretServerStub, type SecretServerStub } from './ss-stub';
import { rejection } from '../../support/contract-error';

let ss: SecretServerStub;
const sims: CredentialsCacheSimulator[] = [];
let http: HttpClient;
const dispatcher = new Agent();

// Retries without real waiting: the shared layer's sleep is injectable.
const fastHttp = (): HttpClient => createHttpClient({ retry: { maxAttempts: 3 }, sleep: async () => undefined, timeoutMs: 5_000 });
const instanceOf = (sim: CredentialsCacheSimulator, name: string): CacheInstance => ({ id: name, name, url: sim.url });
const creds = (): { username: string; password: string; baseUrl: string } => ({
  username: APP_ACCOUNT.username,
  password: APP_ACCOUNT.password,
  baseUrl: ss.url,
});
const targetOf = (instance: CacheInstance, wrap: (api: CacheApi) => CacheApi = (a) => a): RefreshTarget => ({
  instance,
  api: () => wrap(createCacheApi(instance, dispatcher)),
  credentials: creds(),
});

beforeAll(async () => {
  ss = await startSecretServerStub();
  for (let i = 0; i < 3; i++) sims.push(await startCredentialsCacheSimulator({ basePath: '/DelineaCredCache' }));
  http = fastHttp();
});
afterAll(async () => {
  await Promise.all(sims.map((s) => s.close()));
  await ss.close();
  await dispatcher.close();
});
afterEach(() => sims.forEach((s) => s.faults.clear()));

describe('main/credentials-cache against the simulator', () => {
  it('gets a token, sends secretchanged (202), and the cache logs the secret id but never the password', async () => {
    const sim = sims[0]!;
    const inst = instanceOf(sim, 'engine01');
    const token = await getToken(http, inst, creds());
    expect(await secretChanged(http, inst, token, 4321)).toBe(202);
    expect((await sim.waitForRefresh('4321')).ok).toBe(true);
    const log = readFileSync(join(sim.settings().LogPath, logFileName(new Date())), 'utf8');
    expect(log).toMatch(/\[INF\] SecretChanged received for secretId=4321/);
    expect(log).not.toContain(APP_ACCOUNT.password);
    expect(log).not.toContain(SECRET_VALUE);
  });

  it('maps a wrong password (401 from /api/token) to UNAUTHENTICATED without echoing the password', async () => {
    const err = await rejection(getToken(http, instanceOf(sims[0]!, 'engine01'), { ...creds(), password: 'Wrong-Passw0rd-123' }));
    expect(err.code).toBe('UNAUTHENTICATED');
    expect(err.message).toContain('/api/token answered 401');
    expect(err.message).not.toContain('Wrong-Passw0rd-123');
    expect(err.details).toMatchObject({ status: 401, step: 'token' });
  });

  it('names the missing field on a 400 and reports an unreachable Secret Server as UNAVAILABLE', async () => {
    const missing = await rejection(getToken(http, instanceOf(sims[0]!, 'e'), { ...creds(), username: '' }));
    expect(missing.code).toBe('VALIDATION');
    expect(missing.message).toContain('Username');
    sims[0]!.faults.upstreamDown(1);
    const upstream = await rejection(getToken(fastHttp(), instanceOf(sims[0]!, 'e'), creds()));
    expect(upstream.code).toBe('UNAVAILABLE');
  });

  it('maps an expired cache token to UNAUTHENTICATED and a 200 HTML page to BAD_RESPONSE', async () => {
    const sim = sims[1]!;
    const inst = instanceOf(sim, 'engine02');
    const token = await getToken(http, inst, creds());
    sim.expireTokens();
    expect((await rejection(secretChanged(http, inst, token, 1))).code).toBe('UNAUTHENTICATED');
    const fresh = await getToken(http, inst, creds());
    sim.faults.html({ count: 1, status: 200 });
    const html = await rejection(secretChanged(http, inst, fresh, 1));
    expect(html.code).toBe('BAD_RESPONSE');
    expect(html.message).toMatch(/HTML/);
  });

  it('rides out a 503 burst and a reset through the shared HTTP layer', async () => {
    const inst = instanceOf(sims[1]!, 'engine02');
    sims[1]!.faults.burst({ status: 503, count: 1, path: '/api/token' }).reset({ count: 1, path: '/api/secretchanged' });
    const token = await getToken(http, inst, creds());
    expect(await secretChanged(http, inst, token, 12)).toBe(202);
  });

  it('checks reachability with the Swagger page and explains a wrong folder', async () => {
    const ok = await checkReachable(http, instanceOf(sims[2]!, 'engine03'));
    expect(ok.status).toBe(200);
    const wrong = { id: 'x', name: 'wrong-folder', url: sims[2]!.url.replace('/DelineaCredCache', '/CredCache') };
    const err = await rejection(checkReachable(http, wrong));
    expect(err.code).toBe('NOT_FOUND');
    expect(err.message).toContain('application folder');
  });

  it('refreshes one secret on 3 instances with one down and reports each instance', async () => {
    const down = await startCredentialsCacheSimulator();
    const downUrl = down.url;
    await down.close();
    const instances: CacheInstance[] = [
      instanceOf(sims[0]!, 'engine01'),
      { id: 'engine-down', name: 'engine-down', url: downUrl },
      instanceOf(sims[2]!, 'engine03'),
    ];
    const seen: RefreshOutcome[] = [];
    const results = await refreshSecretEverywhere(
      instances.map((i) => targetOf(i)),
      808,
      {
        concurrency: 2,
        onResult: (r) => seen.push(r),
      },
    );
    expect(results.map((r) => [r.profileId, r.ok])).toEqual([
      ['engine01', true],
      ['engine-down', false],
      ['engine03', true],
    ]);
    expect(results[0]).toMatchObject({ status: 202, secretId: 808 });
    expect(results[1]).toMatchObject({ ok: false, failedStep: 'reach' });
    expect(results.every((r) => r.durationMs >= 0)).toBe(true);
    expect(seen).toHaveLength(3);
    expect((await sims[0]!.waitForRefresh('808')).ok).toBe(true);
    expect((await sims[2]!.waitForRefresh('808')).ok).toBe(true);
  });

  it('never has more instances in flight than the limit', async () => {
    let inFlight = 0;
    let peak = 0;
    const track =
      <A extends unknown[], R>(fn: (...a: A) => Promise<R>) =>
      async (...a: A): Promise<R> => {
        inFlight++;
        peak = Math.max(peak, inFlight);
        try {
          return await fn(...a);
        } finally {
          inFlight--;
        }
      };
    const counting = (api: CacheApi): CacheApi => ({ ...api, token: track(api.token), secretChanged: track(api.secretChanged) });
    const targets = Array.from({ length: 6 }, (_, i) => targetOf(instanceOf(sims[i % 3]!, `e${i}`), counting));
    const results = await refreshSecretEverywhere(targets, 9, { concurrency: 2 });
    expect(results.every((r) => r.ok)).toBe(true);
    expect(peak).toBeLessThanOrEqual(2);
  });

  it('reports every instance as CANCELLED when aborted before starting', async () => {
    const ac = new AbortController();
    ac.abort();
    const results = await refreshSecretEverywhere([targetOf(instanceOf(sims[0]!, 'a')), targetOf(instanceOf(sims[1]!, 'b'))], 1, {
      signal: ac.signal,
    });
    expect(results.map((r) => [r.ok, r.failedStep, r.message])).toEqual([
      [false, undefined, 'Cancelled before this instance was contacted.'],
      [false, undefined, 'Cancelled before this instance was contacted.'],
    ]);
  });

  it('cancels in-flight calls when the signal aborts', async () => {
    sims[0]!.faults.latency(5_000);
    const ac = new AbortController();
    const p = refreshSecretEverywhere([targetOf(instanceOf(sims[0]!, 'slow'))], 1, { signal: ac.signal });
    setTimeout(() => ac.abort(), 20);
    const [r] = await p;
    expect(r).toMatchObject({ ok: false, failedStep: 'token', message: 'Cancelled.' });
  });
});
