import { afterEach, describe, expect, it } from 'vitest';
import {
  changeSecretPassword,
  getRunActivity,
  listTaskSettings,
  listTriggerOptions,
  pageRuns,
  setSecretField,
} from '../../../main/secret-server';
import { CREDENTIALS_CACHE_SCRIPT, type SecretServerSimulator } from '../../../simulators/secret-server';
import { clientFor, fakeCache, withSim } from './helpers';

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (closers.length) await closers.pop()?.();
});

/** Seed 000's setup: connection template + secret, script, and a policy on the "Apps" folder. */
function seedCachePipeline(sim: SecretServerSimulator, cacheUrl: string) {
  const st = sim.state;
  const template = st.addTemplate('Credentials Cache Connection', [
    'TENANTURL',
    'CLIENTID',
    { name: 'CLIENTSECRET', isPassword: true },
    'CREDCACHEURL',
    'DOMAIN',
  ]);
  const conn = st.addSecret('cache-conn', {
    templateId: template.id,
    folderId: sim.seed?.rootFolderId ?? 0,
    values: { tenanturl: sim.url, clientid: 'svc-cache', clientsecret: 'Cache-Pa55!', credcacheurl: cacheUrl, domain: '' },
  });
  const apps = st.addFolder('Apps');
  const target = st.addSecret('app-db', { templateId: sim.seed?.passwordTemplateId ?? 0, folderId: apps.id, values: { password: 'old' } });
  const script = st.addScript('Refresh Credentials Cache', CREDENTIALS_CACHE_SCRIPT);
  const { policy, pipeline } = st.addCredentialsCachePolicy({
    name: 'CredCache',
    folderIds: [apps.id],
    scriptId: script.scriptId,
    connectionSecretId: conn.id,
    siteId: sim.seed?.defaultSiteId ?? 0,
  });
  return { target, policy, pipeline };
}

describe('event pipelines that run', () => {
  it('records Success when the cache answers 202, after calling /api/token then /api/secretchanged', async () => {
    const sim = await withSim(closers);
    const cache = await fakeCache(closers, { changed: 202 });
    const { target, policy, pipeline } = seedCachePipeline(sim, cache.url);
    const c = clientFor(sim);
    await changeSecretPassword(c, target.id, { newPassword: 'n3w' });
    await sim.runner.idle();
    const runs = [];
    for await (const r of pageRuns(c, { policyId: policy.eventPipelinePolicyId })) runs.push(r);
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ status: 'Success', itemId: target.id, itemName: 'app-db', eventName: 'Secret Password Change' });
    expect(runs[0]?.eventPipelinePolicyRunId).toMatch(/^[0-9a-f-]{36}$/);
    expect(cache.calls.map((x) => x.path)).toEqual(['/api/token', '/api/secretchanged']);
    expect(new URLSearchParams(cache.calls[0]?.body).get('Username')).toBe('svc-cache');
    expect(JSON.parse(cache.calls[1]?.body ?? '{}')).toEqual({ secretId: String(target.id) });
    expect(cache.calls[1]?.auth).toBe('Bearer jwt-abc');
    const activity = await getRunActivity(c, pipeline.eventPipelineId, runs[0]?.eventPipelinePolicyRunId ?? '');
    expect(activity[0]).toMatchObject({ status: 'Success', eventPipelineTaskName: 'Run Script' });
  });

  it('records Failed with the error in the notes when the cache token call answers 401', async () => {
    const sim = await withSim(closers);
    const cache = await fakeCache(closers, { token: 401 });
    const { target, pipeline } = seedCachePipeline(sim, cache.url);
    const c = clientFor(sim);
    await setSecretField(c, target.id, 'password', 'changed-by-field');
    await sim.runner.idle();
    const runs = [];
    for await (const r of pageRuns(c, { pipelineId: pipeline.eventPipelineId })) runs.push(r);
    expect(runs[0]?.status).toBe('Failed');
    const activity = await getRunActivity(c, pipeline.eventPipelineId, runs[0]?.eventPipelinePolicyRunId ?? '');
    expect(activity[0]?.status).toBe('Failed');
    expect(activity[0]?.notes).toContain('The remote server returned an error: (401) Unauthorized.');
  });

  it('records connection refused when the cache is down, and does not fire for untargeted folders or inactive policies', async () => {
    const sim = await withSim(closers);
    const { target, policy } = seedCachePipeline(sim, 'http://127.0.0.1:1');
    const c = clientFor(sim);
    const other = sim.state.addSecret('elsewhere', {
      templateId: sim.seed?.passwordTemplateId ?? 0,
      folderId: sim.seed?.rootFolderId ?? 0,
    });
    await changeSecretPassword(c, other.id);
    await changeSecretPassword(c, target.id);
    await sim.runner.idle();
    expect(sim.state.runs).toHaveLength(1);
    expect(sim.state.activity[0]?.notes).toMatch(/actively refused/);
    policy.active = false;
    await changeSecretPassword(c, target.id);
    expect(sim.state.runs).toHaveLength(1);
  });

  it('exposes the trigger and Run Script setting catalogues', async () => {
    const sim = await withSim(closers);
    const c = clientFor(sim);
    const triggers = await listTriggerOptions(c);
    expect(triggers.find((t) => t.triggerDisplayName === 'Secret Password Change')?.eventEntityTypeId).toBe(10001);
    const settings = await listTaskSettings(c, 1);
    expect(settings.map((s) => s.setting?.settingName)).toEqual(expect.arrayContaining(['ScriptId', 'ScriptArgs', 'SiteId']));
  });
});
