import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoRig, type DemoRig } from '../connections/fixture';

describe('the demo world in Pipeline activity', () => {
  let rig: DemoRig;
  beforeAll(async () => {
    rig = await demoRig();
    await rig.call('demo:start', {}, 'demo-activity');
  }, 60_000);
  afterAll(async () => {
    await rig?.close();
  });

  it('holds failures of at least four different causes, plus the silent one', async () => {
    const failed = await rig.call('activity:runs', { failedOnly: true, pageSize: 500 });
    expect(failed.totalExact).toBe(true);
    const codes = new Set<string>();
    for (const r of failed.rows) codes.add((await rig.call('activity:run', { runId: r.runId })).cause?.code ?? 'none');
    expect([...codes].sort()).toEqual(['cache-unreachable', 'engine-offline', 'tls-trust', 'token-rejected']);
    const ok = await rig.call('activity:runs', { statuses: ['Success'], pageSize: 500 });
    const silent = [];
    for (const r of ok.rows) if ((await rig.call('activity:run', { runId: r.runId })).cause) silent.push(r);
    expect(silent).toHaveLength(1);
  });

  it('reads the demo engine log for correlation by default', async () => {
    const [run] = (await rig.call('activity:runs', { failedOnly: true, secret: 'app-' })).rows;
    const c = await rig.call('activity:correlate', { runId: run!.runId }, 'demo-corr');
    expect(c.sources.find((s) => s.kind === 'engine')).toMatchObject({ status: 'ok' });
    expect(c.cause?.code).toBe('cache-unreachable');
    expect(c.lines.some((l) => l.kind === 'engine' && l.text.includes(run!.runId))).toBe(true);
  });

  it('lists the policies with their pipelines for the filters, and a policy filter keeps only its runs', async () => {
    const policies = await rig.call('activity:policies', {});
    expect(policies.length).toBeGreaterThanOrEqual(2);
    for (const p of policies) {
      expect(p.name).not.toBe('');
      expect(p.pipelines.length).toBeGreaterThan(0);
      expect(p.pipelines.every((pl) => pl.name && !/^Pipeline \d+$/.test(pl.name))).toBe(true);
    }
    const chosen = policies[0]!;
    const page = await rig.call('activity:runs', { policyId: chosen.id, pageSize: 500 });
    expect(page.rows.length).toBeGreaterThan(0);
    expect(page.rows.every((r) => r.policies.some((x) => x.id === chosen.id))).toBe(true);
    const all = await rig.call('activity:runs', { pageSize: 500 });
    expect(page.total).toBeLessThan(all.total);
  });
});
