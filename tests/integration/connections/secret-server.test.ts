import type { JobEvent } from '../../../contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DiagnosticsResult, TestProgressData } from '../../../contract/channels/connections';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TestResults } from '../../../main/connections/test-results';
import { demoRig, type DemoRig } from './fixture';

const statuses = (r: DiagnosticsResult) => Object.fromEntries(r.stages.map((s) => [s.id, s.status]));

describe('Test connection: Secret Server against the simulator', () => {
  let rig: DemoRig;
  beforeAll(async () => {
    rig = await demoRig();
  }, 60_000);
  afterAll(() => rig?.close());

  const create = (over: Record<string, unknown> = {}) =>
    rig.call('connections:create', {
      profile: {
        kind: 'secret-server',
        name: `SS ${Math.random()}`,
        baseUrl: rig.demo.info.secretServer.url,
        username: rig.demo.info.secretServer.username,
        password: rig.demo.info.secretServer.password,
        ...over,
      } as never,
    });

  it('passes every stage for the application account and streams each stage', async () => {
    const p = await create();
    const seen: TestProgressData[] = [];
    rig.ctx.events.subscribe((name, payload) => {
      const e = payload as JobEvent<TestProgressData>;
      if (name === 'job:event' && e.jobId === 'ss-ok' && e.progress?.data) seen.push(e.progress.data);
    });
    const r = await rig.call('connections:test', { id: p.id }, 'ss-ok');
    expect(r.ok).toBe(true);
    expect(statuses(r)).toEqual({ dns: 'pass', tcp: 'pass', tls: 'skipped', http: 'pass', auth: 'pass', permissions: 'pass' });
    expect(r.stages.find((s) => s.id === 'permissions')?.checks?.map((c) => c.status)).toEqual(['pass', 'pass', 'pass']);
    expect(seen.some((d) => d.stages.some((s) => s.status === 'running'))).toBe(true);
    expect(seen.at(-1)?.stages.every((s) => s.status !== 'pending' && s.status !== 'running')).toBe(true);
    const listed = (await rig.call('connections:list', {})).find((x) => x.id === p.id);
    expect(listed?.lastTest).toMatchObject({ ok: true });
  });

  it('keeps the last test with its stages across a restart (connection-tests.json)', async () => {
    const p = await create({ password: 'Not-The-Password-456' });
    const r = await rig.call('connections:test', { id: p.id });
    const listed = (await rig.call('connections:list', {})).find((x) => x.id === p.id);
    expect(listed?.lastTest?.stages).toEqual(r.stages);
    const reread = new TestResults(rig.ctx.dataDir).get(p.id);
    expect(reread).toMatchObject({ ok: false, failedStage: 'auth', at: r.finishedAt });
    expect(reread?.stages?.map((s) => [s.id, s.status])).toEqual(r.stages.map((s) => [s.id, s.status]));
    expect(reread?.stages?.find((s) => s.id === 'auth')?.fix).toContain('Wrong username or password');
    expect(readFileSync(join(rig.ctx.dataDir, 'connection-tests.json'), 'utf8')).not.toContain('Not-The-Password-456');
  });

  it('a wrong password fails at authentication with the fix, skips the rest, and never echoes the password', async () => {
    const p = await create({ password: 'Not-The-Password-123' });
    const r = await rig.call('connections:test', { id: p.id });
    expect(r.ok).toBe(false);
    expect(r.failedStage).toBe('auth');
    const auth = r.stages.find((s) => s.id === 'auth');
    expect(auth?.fix).toContain(`Wrong username or password for ${rig.demo.info.secretServer.username}`);
    expect(statuses(r).permissions).toBe('skipped');
    expect(JSON.stringify(r)).not.toContain('Not-The-Password-123');
  });

  it('names the missing permissions of an account without the role', async () => {
    rig.demo.secretServer.state.addUser('viewer-only', 'Viewer-Pa55!', { roles: ['User'] });
    const p = await create({ username: 'viewer-only', password: 'Viewer-Pa55!' });
    const r = await rig.call('connections:test', { id: p.id });
    expect(r.failedStage).toBe('permissions');
    const stage = r.stages.find((s) => s.id === 'permissions');
    expect(stage?.detail).toContain('Administer Secret Server Pipelines');
    expect(stage?.detail).toContain('Administer Secret Server Scripts');
    expect(stage?.checks?.find((c) => c.name === 'View Secret')?.status).toBe('pass');
  });

  it('an HTML page where JSON was expected fails at HTTP and points at the base URL', async () => {
    const p = await create({ baseUrl: rig.demo.info.secretServer.url.replace(/\/SecretServer$/, '/Wrong') });
    const r = await rig.call('connections:test', { id: p.id });
    expect(r.failedStage).toBe('http');
    expect(r.stages.find((s) => s.id === 'http')?.fix).toMatch(/base URL/);
  });

  it('a closed port fails at TCP; an unknown host fails at DNS', async () => {
    const closed = await create({ baseUrl: rig.demo.info.credentialsCache[1]!.url });
    expect((await rig.call('connections:test', { id: closed.id })).failedStage).toBe('tcp');
    const nohost = await create({ baseUrl: 'http://no-such-host.invalid/SecretServer' });
    const r = await rig.call('connections:test', { id: nohost.id });
    expect(r.failedStage).toBe('dns');
    expect(statuses(r)).toMatchObject({ tcp: 'skipped', tls: 'skipped', http: 'skipped', auth: 'skipped', permissions: 'skipped' });
  });
});
