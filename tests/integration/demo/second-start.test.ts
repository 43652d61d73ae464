import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Channel, ReqIn, Res } from '../../../contract';
import type { ProfileView } from '../../../contract/channels/connections';
import { buildRouter } from '../../../main/app/handlers';
import { createHeadlessContext } from '../../../main/app/headless';
import { closeServices, createServices, type Services } from '../../../main/app/services';

// `npm start` without a terminal and without ENGINE_CONSOLE_PASSPHRASE, as serve runs it.
const dataDir = mkdtempSync(join(tmpdir(), 'ec-second-start-'));
const started: Services[] = [];

async function start() {
  const ctx = await createHeadlessContext({ demoIfEmpty: true, env: { ENGINE_CONSOLE_DATA_DIR: dataDir } });
  const services = createServices(ctx);
  started.push(services);
  const router = buildRouter(services);
  const call = async <C extends Channel>(channel: C, payload: ReqIn<C>): Promise<Res<C>> => {
    const env = await router.dispatch(channel, payload, {});
    if (!env.ok) throw new Error(`${channel}: ${env.error.code} ${env.error.message}`);
    return env.result as Res<C>;
  };
  return { ctx, demo: services.demo, call };
}

const byName = (list: readonly ProfileView[]) => new Map(list.map((p) => [p.name, p]));
const urlOf = (p: ProfileView | undefined) =>
  p?.kind === 'secret-server' ? p.baseUrl : p?.kind === 'credentials-cache' ? p.url : p?.kind === 'aws' ? p.endpoint : undefined;

describe('a second start', () => {
  afterAll(async () => {
    for (const services of started) await closeServices(services);
  });

  it('runs the demo again with its profiles re-pointed, signing in, never touching a profile of the user', async () => {
    const first = await start();
    expect(first.ctx.demo).toBe(true);
    await first.demo.start();
    const before = byName(await first.call('connections:list', {}));
    // A profile of the user's, saved while the store was in memory.
    await first.call('connections:create', {
      profile: { kind: 'credentials-cache', name: 'Branch cache', url: 'https://cache.example.com' },
    });
    await first.demo.stop();

    const second = await start();
    expect(second.ctx.demo).toBe(true);
    expect(second.ctx.secrets.backend).toBe('memory');
    const status = await second.demo.start();
    const after = byName(await second.call('connections:list', {}));
    for (const name of ['Demo Secret Server', 'Demo AWS Secrets Manager', 'Engine host HQ', 'Engine host Branch']) {
      expect(after.get(name)?.id, name).toBe(before.get(name)?.id);
      expect(urlOf(after.get(name)), name).not.toBe(urlOf(before.get(name)));
    }
    expect(status.profileIds).toHaveLength(4);
    expect(after.get('Branch cache')).toMatchObject({ url: 'https://cache.example.com' });
    const ss = after.get('Demo Secret Server')!;
    expect(ss).toMatchObject({ hasPassword: true });
    const test = await second.call('connections:test', { id: ss.id });
    expect(test.ok).toBe(true);
  }, 120_000);

  it('demo:remove stops the simulators and deletes the demo profiles and their credentials, and the demo can start again', async () => {
    const services = started[1]!;
    const { demo } = services;
    const ctx = services.context;
    const router = buildRouter(services);
    const dispatch = async (channel: Channel, payload: unknown) => router.dispatch(channel, payload, {});
    const ssUrl = demo.environment()!.info.secretServer.url;
    const ids = demo.status().profileIds;
    expect(ids).toHaveLength(4);

    expect(await dispatch('demo:remove', {})).toMatchObject({ ok: true, result: { running: false, profileIds: [] } });
    const left = ((await dispatch('connections:list', {})) as { result: ProfileView[] }).result;
    expect(left.map((p) => p.name)).toEqual(['Branch cache']);
    expect(ctx.secrets.keys().filter((k) => ids.some((id) => k.includes(id)))).toEqual([]);
    await expect(fetch(ssUrl)).rejects.toThrow();

    // Started again from the UI while the user has a profile of one of the demo's names.
    await dispatch('connections:create', { profile: { kind: 'credentials-cache', name: 'Engine host HQ', url: 'https://hq.example.com' } });
    expect(await dispatch('demo:start', {})).toMatchObject({ ok: true, result: { running: true } });
    expect(demo.status().profileIds).toHaveLength(4);
    const names = byName(((await dispatch('connections:list', {})) as { result: ProfileView[] }).result);
    expect(names.get('Engine host HQ')).toMatchObject({ url: 'https://hq.example.com' });
    expect(urlOf(names.get('Engine host HQ (demo)'))).toMatch(/^http:\/\/127\.0\.0\.1:/);
  }, 120_000);
});
