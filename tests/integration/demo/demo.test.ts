import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readdirSync } from 'node:fs';
import { request } from 'undici';
import { startDemo, type DemoEnvironment } from '../../../main/demo/start';

describe('demo environment', () => {
  let demo: DemoEnvironment;
  beforeAll(async () => {
    demo = await startDemo();
  }, 60_000);
  afterAll(async () => {
    await demo?.close();
  });

  it('seeds a realistic Secret Server world with the seed 000 setup', () => {
    const s = demo.secretServer.state;
    expect(s.secrets.length).toBeGreaterThan(250);
    const app = s.users.find((u) => u.userName === demo.info.secretServer.username);
    expect(app?.isApplicationAccount).toBe(true);
    expect([...s.permissionNamesOf(app!)].sort()).toEqual([
      'Administer Secret Server Pipelines',
      'Administer Secret Server Scripts',
      'View Secret',
    ]);
    expect(s.templateByName('Credentials Cache Connection')?.fields.map((f) => f.name)).toEqual([
      'TENANTURL',
      'CLIENTID',
      'CLIENTSECRET',
      'CREDCACHEURL',
      'DOMAIN',
    ]);
    expect(s.policies).toHaveLength(5);
    expect(s.scripts.some((x) => /api\/secretchanged/.test(x.script))).toBe(true);
  });

  it('produced real runs: successes on both caches, then failures on the stopped one', () => {
    const runs = demo.secretServer.state.runs;
    expect(runs.filter((r) => r.status === 'Success').length).toBeGreaterThan(4);
    const failed = runs.filter((r) => r.status === 'Failed');
    expect(failed.length).toBeGreaterThan(0);
    const notes = demo.secretServer.state.activity.filter((a) => a.status === 'Failed').map((a) => a.notes);
    expect(notes.join('\n')).toMatch(/Token request failed/);
    expect(demo.caches[0]?.refreshes.filter((r) => r.ok).length).toBeGreaterThan(0);
  });

  it('has log files for both caches and answers on every URL', async () => {
    for (const c of demo.info.credentialsCache) {
      expect(existsSync(c.logPath)).toBe(true);
      expect(readdirSync(c.logPath).length).toBeGreaterThan(0);
    }
    const [hq, branch] = demo.info.credentialsCache;
    expect((await request(`${hq!.url}/swagger/index.html`)).statusCode).toBe(200);
    await expect(request(`${branch!.url}/swagger/index.html`)).rejects.toThrow();
    expect((await request(`${demo.info.secretServer.url}/api/v1/healthcheck`)).statusCode).toBe(200);
    const aws = await request(demo.info.aws.endpoint, { method: 'POST' });
    await aws.body.text();
    expect(aws.statusCode).toBeGreaterThanOrEqual(400);
    expect(demo.aws.state.all().length).toBeGreaterThan(30);
  });
});
