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

  it('a 202 is "accepted"; the instance log then confirms the refresh, or says why it failed', async () => {
    const [hq] = await rig.call('fleet:list', {});
    const env = rig.services.demo.environment()!;
    const secretId = env.secretServer.state.secrets.find((s) => s.name.startsWith('app-'))!.id;
    const good = await rig.call('fleet:refresh', { secretId, profileIds: [hq!.profileId] });
    expect(good.results[0]).toMatchObject({ ok: true, status: 202, confirmation: { state: 'refreshed' } });
    expect(good.results[0]?.message).toBe(`Accepted (HTTP 202); the cache's log confirms secret ${secretId} was refreshed.`);

    const missing = await rig.call('fleet:refresh', { secretId: 999_999, profileIds: [hq!.profileId] });
    expect(missing).toMatchObject({ succeeded: 0, failed: 1 });
    expect(missing.results[0]).toMatchObject({
      ok: false,
      status: 202,
      failedStep: 'refresh',
      confirmation: { state: 'failed', reason: 'Secret Server answered HTTP 404' },
    });
    expect(missing.results[0]?.confirmation?.line).toContain('Failed to refresh secretId=999999');
    // Remembered with its confirmation; the instance is still up with a working token.
    const [after] = await rig.call('fleet:list', {});
    expect(after).toMatchObject({ reachable: 'up', token: 'ok', lastRefresh: { confirmation: { state: 'failed' } } });
    expect(new FleetState(rig.ctx.dataDir).lastRefresh(hq!.profileId)?.confirmation?.state).toBe('failed');
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
    expect(o.cache).toMatchObject({ total: 2, up: 1, down: 1, unknown: 0 });
    expect(o).not.toHaveProperty('failedRuns24h');
    expect(o.demo).toBe(true);
    expect(o.connections).toHaveLength(4);
    expect(Date.parse(o.cache.checkedAt ?? '')).toBeGreaterThan(Date.now() - 60_000);
  });

  it('the overview never says "All checks passed" for an instance its newer Fleet check found down', async () => {
    const [, branch] = await rig.call('fleet:list', {});
    // A Test connection that passed before a restart, read back from connection-tests.json.
    rig.services.connections.tests.set(branch!.profileId, { ok: true, at: '2026-01-01T00:00:00.000Z', message: 'All checks passed.' });
    const o = await rig.call('overview:summary', { quickCheck: true });
    const row = o.connections.find((c) => c.id === branch!.profileId)!;
    expect(row).toMatchObject({ state: 'failing', source: 'fleet-check' });
    expect(row.message).toMatch(/^Fleet check: /);
    expect(Date.parse(row.at!)).toBeGreaterThan(Date.parse('2026-01-01T00:00:00.000Z'));
    expect(o.cache.down).toBe(1);
    // A connection without a newer Fleet check keeps its Test connection result and says when it was taken.
    const ss = o.connections.find((c) => c.kind === 'secret-server')!;
    expect(ss.source === undefined || ss.source === 'test').toBe(true);
  });
});
