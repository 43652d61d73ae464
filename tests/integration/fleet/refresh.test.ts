import type { JobEvent } from '../../../contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RefreshOutcome, RefreshProgressData } from '../../../contract/channels/fleet';
import { FleetState } from '../../../main/fleet/state';
import { demoRig, type DemoRig } from '../connections/fixture';

describe('Fleet against the demo caches', () => {
  let rig: DemoRig;
  beforeAll(async () => {
    rig = await demoRig();
  }, 60_000);
  afterAll(async () => {
    await rig?.close();
  });

  it('demo:start creates profiles for every backend', async () => {
    const status = await rig.call('demo:start', {}, 'demo-1');
    expect(status.running).toBe(true);
    const kinds = (await rig.call('connections:list', {})).map((p) => p.kind).sort();
    expect(kinds).toEqual(['aws', 'credentials-cache', 'credentials-cache', 'secret-server']);
    expect(existsSync(join(rig.ctx.dataDir, 'profiles.json'))).toBe(true);
  }, 60_000);

  it('lists instances and checks them: one up with a token, one down', async () => {
    const list = await rig.call('fleet:list', { check: true });
    expect(list.map((i) => [i.name, i.reachable, i.token])).toEqual([
      ['Engine host HQ', 'up', 'ok'],
      ['Engine host Branch', 'down', 'unknown'],
    ]);
    expect(list[0]?.logPath).toBeTruthy();
  });

  it('refreshes one secret on all instances with per-instance results, streamed and remembered', async () => {
    const env = rig.services.demo.environment()!;
    const secretId = env.secretServer.state.secrets.find((s) => s.name.startsWith('app-'))!.id;
    const streamed: RefreshOutcome[] = [];
    rig.ctx.events.subscribe((name, p) => {
      const e = p as JobEvent<RefreshProgressData>;
      if (name === 'job:event' && e.progress?.data) streamed.push(...e.progress.data.outcomes);
    });
    const report = await rig.call('fleet:refresh', { secretId }, 'refresh-all');
    expect(report).toMatchObject({ secretId, succeeded: 1, failed: 1 });
    expect(report.results.map((r) => [r.name, r.ok, r.failedStep])).toEqual([
      ['Engine host HQ', true, undefined],
      ['Engine host Branch', false, 'reach'],
    ]);
    expect(streamed).toHaveLength(2);
    expect((await env.caches[0]!.waitForRefresh(String(secretId))).ok).toBe(true);
    const list = await rig.call('fleet:list', {});
    expect(list[0]?.lastRefresh).toMatchObject({ secretId, ok: true });
    // Survives a restart: a new state reads fleet-state.json.
    const reread = new FleetState(rig.ctx.dataDir);
    expect(reread.lastRefresh(list[1]!.profileId)).toMatchObject({ ok: false, failedStep: 'reach' });
    expect(readFileSync(join(rig.ctx.dataDir, 'fleet-state.json'), 'utf8')).not.toContain(env.info.secretServer.password);
  });

  it('refreshes one chosen instance only, and refuses an unknown one', async () => {
    const [hq] = await rig.call('fleet:list', {});
    const report = await rig.call('fleet:refresh', { secretId: 1, profileIds: [hq!.profileId] });
    expect(report.results).toHaveLength(1);
    expect(await rig.send('fleet:refresh', { secretId: 1, profileIds: ['nope'] })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });

  it('the overview counts caches up and down and says what is not available yet', async () => {
    const o = await rig.call('overview:summary', { quickCheck: true });
    expect(o.cache).toEqual({ total: 2, up: 1, down: 1, unknown: 0 });
    expect(o.failedRuns24h.available).toBe(false);
    expect(o.demo).toBe(true);
    expect(o.connections).toHaveLength(4);
  });
});
