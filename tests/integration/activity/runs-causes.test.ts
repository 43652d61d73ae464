import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Correlation, CorrelationSource, RunRow } from '../../../contract/channels/activity';
import { changeSecretPassword } from '../../../main/secret-server';
import { clientFor } from '../secret-server/helpers';
import { activityRig, APP, type ActivityRig } from './fixture';

describe('pipeline activity against the simulators', () => {
  let rig: ActivityRig;
  const runOf: Record<string, RunRow> = {};

  beforeAll(async () => {
    rig = await activityRig({ scriptTimeoutMs: 3000 });
    const admin = clientFor(rig.ss);
    const change = async (key: keyof ActivityRig['secrets']) => {
      await changeSecretPassword(admin, rig.secrets[key].id, { comment: `test ${key}` });
      await rig.ss.runner.idle();
    };
    await change('ok');
    await rig.caches.branch.close();
    await change('stopped');
    await change('wrongPassword');
    await change('tls');
    rig.caches.slow.faults.latency(5000);
    await change('slow');
    rig.caches.slow.faults.latency(0);
    rig.caches.hq.faults.burst({ status: 500, count: 1, path: '/api/secretchanged' });
    await change('silent');
    for (const [key, s] of Object.entries(rig.secrets)) {
      const page = await rig.call('activity:runs', { secret: String(s.id) });
      if (page.rows[0]) runOf[key] = page.rows[0];
    }
  }, 60_000);
  afterAll(async () => {
    await rig?.close();
  });

  let jobs = 0;
  const correlate = (key: string): Promise<Correlation> =>
    rig.call('activity:correlate', { runId: runOf[key]!.runId, engineLogPath: rig.engineLog }, `corr-${key}-${++jobs}`);
  const source = (c: Correlation, instance: string): CorrelationSource => c.sources.find((s) => s.instance === instance)!;

  it('a password change produces a run: listed by secret id with policy, site and engine', async () => {
    const run = runOf.ok!;
    expect(run).toMatchObject({
      status: 'Success',
      terminal: true,
      trigger: 'Secret Password Change',
      secret: { id: rig.secrets.ok.id, name: 'ok-db' },
      policies: [{ name: 'Refresh ok' }],
      site: { name: 'Default' },
      engine: 'default-engine-01',
    });
    const detail = await rig.call('activity:run', { runId: run.runId });
    expect(detail.tasks).toHaveLength(1);
    expect(detail.tasks[0]?.notes).toContain('✅ Secret cached successfully.');
    expect(detail.cause).toBeNull();
    expect(detail.secret.url).toBe(`${rig.ss.url}/app/#/secrets/${rig.secrets.ok.id}/general`);
    expect(detail.secret.lastPasswordChange).toMatchObject({ by: 'Administrator' });
    expect(detail.site?.engines[0]).toMatchObject({ onlineNow: true });
    const c = await correlate('ok');
    const hq = c.lines.filter((l) => l.instance === 'HQ' && l.match === 'secret-id').map((l) => l.text);
    expect(hq.join('\n')).toMatch(new RegExp(`SecretChanged received for secretId=${rig.secrets.ok.id}`));
    expect(hq.join('\n')).toMatch(/Cache updated for secretId=/);
    expect(c.cause).toBeNull();
  });

  it('a stopped cache instance: Failed, cache-unreachable, the engine log names the refusal, the instance logged nothing for it', async () => {
    const run = runOf.stopped!;
    expect(run.status).toBe('Failed');
    const detail = await rig.call('activity:run', { runId: run.runId });
    expect(detail.cause?.code).toBe('cache-unreachable');
    const c = await correlate('stopped');
    expect(c.cause?.code).toBe('cache-unreachable');
    const engine = c.lines.filter((l) => l.kind === 'engine');
    expect(engine.some((l) => l.level === 'error' && /actively refused/.test(l.text) && l.text.includes(run.runId))).toBe(true);
    expect(source(c, 'Branch').status).toBe('ok');
    expect(c.lines.filter((l) => l.instance === 'Branch' && l.match === 'secret-id')).toHaveLength(0);
  });

  it('a wrong cache password: token-rejected, with the token failure line from that instance', async () => {
    const c = await correlate('wrongPassword');
    expect(c.cause).toMatchObject({ code: 'token-rejected', instance: 'HQ' });
    const hq = c.lines.filter((l) => l.instance === 'HQ');
    expect(hq.some((l) => l.level === 'warn' && new RegExp(`Token request failed for user ${APP.userName}`).test(l.text))).toBe(true);
    expect(c.cause?.evidence.join('\n')).toMatch(/\(401\) Unauthorized/);
  });

  it('an untrusted certificate: tls-trust, the engine line says so, the instance never saw the call', async () => {
    const c = await correlate('tls');
    expect(c.cause?.code).toBe('tls-trust');
    expect(c.lines.some((l) => l.kind === 'engine' && /trust relationship for the SSL\/TLS/.test(l.text))).toBe(true);
    expect(c.lines.filter((l) => l.instance === 'HQ' && l.match === 'secret-id')).toHaveLength(0);
  });

  it('a cache that does not answer within the script limit: script-timeout', async () => {
    const detail = await rig.call('activity:run', { runId: runOf.slow!.runId });
    expect(detail.cause?.code).toBe('script-timeout');
    expect(detail.tasks[0]?.notes).toMatch(/exceeded the maximum run time of 3 second\(s\)/);
  });

  it('the seed script swallowing a failed secretchanged call: Success, flagged success-but-cache-not-refreshed', async () => {
    expect(runOf.silent?.status).toBe('Success');
    const detail = await rig.call('activity:run', { runId: runOf.silent!.runId });
    expect(detail.cause?.code).toBe('success-but-cache-not-refreshed');
  });

  it('says plainly why a source has no lines: logging off, folder not reachable, no log path', async () => {
    const c = await correlate('ok');
    expect(source(c, 'Quiet')).toMatchObject({ status: 'logging-off' });
    expect(source(c, 'Quiet').message).toMatch(/"EnableLogging": false in .*appsettings\.json/);
    expect(source(c, 'Nowhere').status).toBe('not-reachable');
    expect(source(c, 'Unset')).toMatchObject({ status: 'no-log-path', logPath: null });
    expect(source(c, 'Distributed Engine').status).toBe('ok');
    // Each line points into a file the Logs screen can open at that offset.
    const l = c.lines[0]!;
    expect(readFileSync(l.path, 'utf8').slice(l.offset, l.offset + 10)).toBe(l.text.slice(0, 10));
  });

  it('filters failed runs server-side and sums them up for the Overview', async () => {
    const failed = await rig.call('activity:runs', { failedOnly: true });
    expect(failed.rows.map((r) => r.secret.id).sort()).toEqual(
      [rig.secrets.stopped.id, rig.secrets.wrongPassword.id, rig.secrets.tls.id, rig.secrets.slow.id].sort(),
    );
    expect(failed).toMatchObject({ total: 4, totalExact: true, hasMore: false });
    const summary = await rig.call('activity:summary', {});
    expect(summary).toMatchObject({ available: true, failed: 4 });
  });

  it('exports the filtered runs as CSV and JSON, refusing to overwrite unless asked', async () => {
    const csv = join(rig.dir, 'failed.csv');
    const r = await rig.call('activity:export', { failedOnly: true, format: 'csv', path: csv }, 'export-csv');
    expect(r).toMatchObject({ rows: 4, format: 'csv' });
    const lines = readFileSync(csv, 'utf8').trim().split('\r\n');
    expect(lines).toHaveLength(5);
    expect(lines[0]).toMatch(/^runId,status,eventTime/);
    const json = join(rig.dir, 'all.json');
    writeFileSync(json, 'keep me');
    const refused = await rig.send('activity:export', { format: 'json', path: json }, 'export-json-1');
    expect(refused).toMatchObject({ ok: false, error: { code: 'CONFLICT', details: { field: 'path' } } });
    expect(readFileSync(json, 'utf8')).toBe('keep me');
    await rig.call('activity:export', { format: 'json', path: json, overwrite: true }, 'export-json-2');
    expect((JSON.parse(readFileSync(json, 'utf8')) as RunRow[]).length).toBe(rig.ss.state.runs.length);
    const wrongExt = await rig.send('activity:export', { format: 'csv', path: join(rig.dir, 'x.json') }, 'export-3');
    expect(wrongExt).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(existsSync(join(rig.dir, 'x.json'))).toBe(false);
  });

  it('copies a diagnostic summary without passwords or tokens', async () => {
    const { text } = await rig.call('activity:diagnostic', { runId: runOf.wrongPassword!.runId, engineLogPath: rig.engineLog });
    expect(text).toContain('Probable cause: [token-rejected]');
    expect(text).toContain('Token request failed');
    expect(text).not.toContain(APP.password);
    expect(text).not.toContain('Not-The-Password-1');
    expect(text).not.toContain(rig.ss.seed!.adminPassword);
  });

  it('names the profile when Secret Server cannot be reached, and asks which one when there are several', async () => {
    const down = rig.services.connections.create({
      kind: 'secret-server',
      name: 'Old Secret Server',
      baseUrl: 'http://127.0.0.1:9/SecretServer',
      username: 'x',
      password: 'y',
    }).id;
    const several = await rig.send('activity:runs', {});
    expect(several).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { field: 'profileId' } } });
    const env = await rig.send('activity:runs', { profileId: down });
    expect(env.ok).toBe(false);
    if (!env.ok) expect(env.error.message).toContain('"Old Secret Server"');
    rig.services.connections.delete(down);
  });
});
