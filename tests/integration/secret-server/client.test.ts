import { afterEach, describe, expect, it } from 'vitest';
import {
  changeSecretPassword,
  createRole,
  getCurrentUser,
  getSecret,
  getVersion,
  listRoles,
  searchSecrets,
} from '../../../main/secret-server';
import { SecretServerClient } from '../../../main/secret-server';
import { clientFor, rejection, withSim } from './helpers';

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (closers.length) await closers.pop()?.();
});

describe('Secret Server client against the simulator', () => {
  it('signs in, reads the caller and the version, and signs out', async () => {
    const sim = await withSim(closers);
    const c = clientFor(sim);
    const me = await getCurrentUser(c);
    expect(me.userName).toBe('admin');
    expect(me.permissions?.map((p) => p.name)).toContain('Administer Secret Server Pipelines');
    expect(await getVersion(c)).toBe('11.7.2');
    await c.signOut();
    expect(sim.state.stats.expirations).toBe(1);
  });

  it('returns every record exactly once from a paged list under 503 bursts', async () => {
    const sim = await withSim(closers);
    const folder = sim.state.addFolder('Bulk');
    for (let i = 0; i < 57; i++) sim.state.addSecret(`s-${i}`, { templateId: sim.seed?.passwordTemplateId ?? 0, folderId: folder.id });
    const c = clientFor(sim, undefined, { pageSize: 10 });
    await getCurrentUser(c);
    sim.faults.burst({ status: 503, count: 2, path: '/api/v2/secrets' });
    const seen: number[] = [];
    for await (const s of searchSecrets(c, { folderId: folder.id })) seen.push(s.id ?? -1);
    expect(seen).toHaveLength(57);
    expect(new Set(seen).size).toBe(57);
    expect(sim.faults.served.burst).toBe(2);
  });

  it('renews a token that expires mid-run exactly once', async () => {
    const sim = await withSim(closers);
    const folder = sim.state.addFolder('Mid');
    for (let i = 0; i < 30; i++) sim.state.addSecret(`m-${i}`, { templateId: sim.seed?.passwordTemplateId ?? 0, folderId: folder.id });
    const c = clientFor(sim, undefined, { pageSize: 5 });
    const seen: number[] = [];
    let n = 0;
    for await (const s of searchSecrets(c, { folderId: folder.id })) {
      seen.push(s.id ?? -1);
      if (++n === 12) sim.faults.expireAllTokens();
    }
    expect(seen).toHaveLength(30);
    expect(sim.state.stats.passwordGrants + sim.state.stats.refreshGrants).toBe(2);
    expect(sim.state.stats.refreshGrants).toBe(1);
  });

  it('re-authenticates once on 401 and then succeeds; falls back to the password grant without refresh tokens', async () => {
    const sim = await withSim(closers, { refreshTokens: false });
    const c = clientFor(sim);
    await getCurrentUser(c);
    sim.faults.expireAllTokens();
    await expect(getCurrentUser(c)).resolves.toMatchObject({ userName: 'admin' });
    expect(sim.state.stats.passwordGrants).toBe(2);
  });

  it('refreshes before expiry at ~80% of expires_in', async () => {
    let now = 1_000_000;
    const sim = await withSim(closers, { expiresIn: 100, now: () => now });
    const c = clientFor(sim, undefined, { now: () => now });
    await getCurrentUser(c);
    now += 70_000;
    await getCurrentUser(c);
    expect(sim.state.stats.refreshGrants).toBe(0);
    now += 15_000;
    await getCurrentUser(c);
    expect(sim.state.stats.refreshGrants).toBe(1);
  });

  it('waits out a 429 with Retry-After and succeeds', async () => {
    const sim = await withSim(closers);
    const c = clientFor(sim);
    await getCurrentUser(c);
    sim.faults.burst({ status: 429, count: 1, retryAfter: 1, path: '/api/v1/roles' });
    await expect(listRoles(c)).resolves.toEqual(expect.arrayContaining([expect.objectContaining({ name: 'Administrator' })]));
    expect(sim.faults.served.burst).toBe(1);
  });

  it('survives connection resets on a paged list, returning every record once', async () => {
    const sim = await withSim(closers);
    const folder = sim.state.addFolder('Resets');
    for (let i = 0; i < 23; i++) sim.state.addSecret(`r-${i}`, { templateId: sim.seed?.passwordTemplateId ?? 0, folderId: folder.id });
    const c = clientFor(sim, undefined, { pageSize: 5 });
    await getCurrentUser(c);
    sim.faults.reset({ count: 2, path: '/api/v2/secrets' });
    const seen: number[] = [];
    for await (const s of searchSecrets(c, { folderId: folder.id })) seen.push(s.id ?? -1);
    expect(new Set(seen).size).toBe(23);
    expect(seen).toHaveLength(23);
    expect(sim.faults.served.reset).toBe(2);
  });

  it('waits for a slow server within the timeout and gives TIMEOUT beyond it', async () => {
    const sim = await withSim(closers);
    const patient = clientFor(sim);
    await getCurrentUser(patient);
    sim.faults.latency(300);
    await expect(getVersion(patient)).resolves.toBe('11.7.2');
    const hasty = new SecretServerClient({
      profile: { baseUrl: sim.url, username: sim.seed?.adminUserName ?? 'admin', password: sim.seed?.adminPassword ?? '' },
      sleep: async () => undefined,
      timeoutMs: 100,
      retry: { maxAttempts: 1 },
    });
    const err = await rejection(getVersion(hasty));
    expect(err.code).toBe('TIMEOUT');
    expect(err.message).toMatch(/did not answer within 100 ms/);
    expect(err.retryable).toBe(true);
  });

  it('turns an HTML error page into BAD_RESPONSE with a clear message', async () => {
    const sim = await withSim(closers);
    const c = clientFor(sim);
    await getCurrentUser(c);
    sim.faults.html({ count: 1, status: 500, path: '/api/v1/users/current' });
    const err = await rejection(getCurrentUser(c));
    expect(err.code).toBe('BAD_RESPONSE');
    expect(err.message).toMatch(/HTML page instead of JSON — check the base URL/);
  });

  it('says BAD_RESPONSE when the base URL misses the application path', async () => {
    const sim = await withSim(closers);
    const c = clientFor({ ...sim, url: sim.url.replace('/SecretServer', '') } as typeof sim);
    expect((await rejection(getCurrentUser(c))).code).toBe('BAD_RESPONSE');
  });

  it('maps API_AccessDenied to ACCESS_DENIED', async () => {
    const sim = await withSim(closers);
    sim.state.addUser('plain', 'Plain-Pa55word!', { roles: ['User'] });
    const c = clientFor(sim, { username: 'plain', password: 'Plain-Pa55word!' });
    const err = await rejection(listRoles(c));
    expect(err.code).toBe('ACCESS_DENIED');
    expect(err.details?.errorCode).toBe('API_AccessDenied');
  });

  it('maps modelState to VALIDATION naming the field', async () => {
    const sim = await withSim(closers);
    const c = clientFor(sim);
    const err = await rejection(createRole(c, ''));
    expect(err.code).toBe('VALIDATION');
    expect(err.details?.field).toBe('name');
    expect(err.message).toContain('name: The Name field is required.');
  });

  it('never shows the password in any error message', async () => {
    const password = 'Very-Secret-Pa55word!';
    const sim = await withSim(closers);
    sim.state.addUser('svc', password, { roles: ['User'] });
    const wrong = clientFor(sim, { username: 'svc', password: `${password}x` });
    const errors = [await rejection(getCurrentUser(wrong))];
    const right = clientFor(sim, { username: 'svc', password });
    errors.push(await rejection(listRoles(right)));
    sim.faults.html({ count: 1, path: '/oauth2/token' });
    errors.push(await rejection(getCurrentUser(clientFor(sim, { username: 'svc', password }))));
    expect(errors[0]?.code).toBe('UNAUTHENTICATED');
    for (const e of errors) {
      const text = `${e.message} ${JSON.stringify(e.details ?? {})}`;
      expect(text).not.toContain(password);
    }
  });

  it('reads a secret and changes its password', async () => {
    const sim = await withSim(closers);
    const f = sim.state.addFolder('Apps');
    const s = sim.state.addSecret('db', {
      templateId: sim.seed?.passwordTemplateId ?? 0,
      folderId: f.id,
      values: { username: 'sa', password: 'old' },
    });
    const c = clientFor(sim);
    const got = await getSecret(c, s.id);
    expect(got.items?.find((i) => i.slug === 'password')?.itemValue).toBe('old');
    await changeSecretPassword(c, s.id, { newPassword: 'new-value' });
    expect(sim.state.secrets.find((x) => x.id === s.id)?.values.password).toBe('new-value');
  });
});
