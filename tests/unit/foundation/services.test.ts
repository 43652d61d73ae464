import { describe, expect, it } from 'vitest';
import { createContext } from '../../../main/app/context';
import { closeServices } from '../../../main/app/services';
import { MemorySecretStore } from '../../../main/secrets/secret-store';
import { testContext, testServices } from './helpers';

const ss = {
  kind: 'secret-server',
  name: 'Prod SS',
  baseUrl: 'https://ss.corp.example/SecretServer',
  username: 'svc-console',
  password: 'S3cret-Pa55!',
} as const;

describe('context builder', () => {
  it('opens the given backends in the given folder and reports a corrupt store of any backend the same way', async () => {
    const opened: string[] = [];
    const ctx = await createContext({
      mode: 'desktop',
      dataDir: '/data/here',
      versions: { electron: '1.0' },
      openSettings: (dir, onCorrupt) => {
        opened.push(`settings:${dir}`);
        onCorrupt('/data/here/settings.json.corrupt-1', 'bad JSON');
        return { read: () => ({ theme: 'dark' }), write: () => undefined };
      },
      openSecrets: (dir, notices, onCorrupt) => {
        opened.push(`secrets:${dir}`);
        onCorrupt('/data/here/credentials.corrupt-1', 'bad header');
        notices.add('info', 'kept in memory');
        return new MemorySecretStore();
      },
    });
    expect(opened).toEqual(['settings:/data/here', 'secrets:/data/here']);
    expect(ctx).toMatchObject({ mode: 'desktop', dataDir: '/data/here', demo: false, versions: { electron: '1.0' } });
    expect(ctx.settings.get().theme).toBe('dark');
    expect(ctx.notices.all().map((n) => n.message)).toEqual([
      'Settings file was unreadable (bad JSON); it was backed up to /data/here/settings.json.corrupt-1 and defaults are in use.',
      'Credential store was unreadable (bad header); it was backed up to /data/here/credentials.corrupt-1 and started empty.',
      'kept in memory',
    ]);
  });
});

describe('composition root', () => {
  it('gives every area the same services: a profile created through the router is what the services see', async () => {
    const { services, router } = testServices();
    const env = await router.dispatch('connections:create', { profile: ss });
    expect(env.ok).toBe(true);
    expect(services.connections.store.list().map((p) => p.name)).toEqual(['Prod SS']);
    expect(await services.fleet.list(false)).toEqual([]);
    expect(await router.dispatch('overview:summary', { quickCheck: false })).toMatchObject({
      ok: true,
      result: { connections: [{ name: 'Prod SS', state: 'untested' }], demo: false },
    });
  });

  it('two service sets over two contexts share nothing', async () => {
    const a = testServices();
    const b = testServices(testContext());
    await a.router.dispatch('connections:create', { profile: ss });
    expect(b.services.connections.list()).toEqual([]);
    expect(a.services.connections).not.toBe(b.services.connections);
    await Promise.all([closeServices(a.services), closeServices(b.services)]);
  });
});
