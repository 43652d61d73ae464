import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'undici';
import { startDemo, type DemoEnvironment } from '../../../main/demo/start';
import { testServices } from '../../unit/foundation/helpers';
import { closeServices } from '../../../main/app/services';

describe('demo --fresh', () => {
  let demo: DemoEnvironment;
  beforeAll(async () => {
    demo = await startDemo({ fresh: true });
  }, 60_000);
  afterAll(async () => demo?.close());

  it('has the world but none of the Credentials Cache pipeline setup, and both caches up', async () => {
    const s = demo.secretServer.state;
    expect(s.secrets.length).toBeGreaterThan(250);
    expect(s.templateByName('Credentials Cache Connection')).toBeUndefined();
    expect(s.policies.filter((p) => /Credentials Cache/.test(p.eventPipelinePolicyName))).toEqual([]);
    expect(s.scripts).toEqual([]);
    expect(s.runs).toEqual([]);
    const app = s.users.find((u) => u.userName === demo.info.secretServer.username)!;
    expect([...s.permissionNamesOf(app)]).toEqual([]);
    expect(demo.info.fresh).toBe(true);
    for (const c of demo.info.credentialsCache) expect((await request(`${c.url}/swagger/index.html`)).statusCode).toBe(200);
  });

  it('names an account allowed to administer the demo', async () => {
    const { admin, url } = demo.info.secretServer;
    const res = await request(`${url}/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'password', username: admin.username, password: admin.password }).toString(),
    });
    expect(res.statusCode).toBe(200);
    await res.body.text();
    const user = demo.secretServer.state.users.find((u) => u.userName === admin.username)!;
    expect(demo.secretServer.state.permissionNamesOf(user).has('Unlimited Administration')).toBe(true);
  });
});

describe('demo:start { fresh: true }', () => {
  it('starts the demo without the setup through the channel', async () => {
    const { services, router } = testServices();
    try {
      const env = await router.dispatch('demo:start', { fresh: true }, { requestId: 'fresh-demo' });
      expect(env.ok).toBe(true);
      expect(services.demo.environment()?.info.fresh).toBe(true);
      expect(services.demo.environment()?.secretServer.state.scripts).toEqual([]);
    } finally {
      await closeServices(services);
    }
  }, 60_000);
});

describe("the fresh demo's admin profile", () => {
  it('a fresh start adds a Secret Server profile of the demo admin for the wizard; a full start removes it', async () => {
    const { services, router } = testServices();
    try {
      const names = () =>
        services.connections.store
          .list()
          .filter((p) => p.kind === 'secret-server')
          .map((p) => (p.kind === 'secret-server' ? `${p.name}:${p.username}` : ''))
          .sort();
      expect((await router.dispatch('demo:start', { fresh: true }, { requestId: 'fresh-admin' })).ok).toBe(true);
      const admin = services.demo.environment()!.info.secretServer.admin.username;
      expect(names()).toEqual(['Demo Secret Server admin:' + admin, 'Demo Secret Server:svc-engine-console']);
      expect(services.demo.status().profileIds).toHaveLength(5);
      // The wizard's lookups work with it (the application account's profile is denied on a fresh demo).
      const id = services.connections.store.list().find((p) => p.name === 'Demo Secret Server admin')!.id;
      const sites = await router.dispatch('setup:sites', { profileId: id }, { requestId: 'fresh-sites' });
      expect(sites.ok).toBe(true);
      expect((await router.dispatch('demo:start', { fresh: false }, { requestId: 'full-again' })).ok).toBe(true);
      expect(names()).toEqual(['Demo Secret Server:svc-engine-console']);
      expect(services.demo.status().profileIds).toHaveLength(4);
    } finally {
      await closeServices(services);
    }
  }, 120_000);
});
