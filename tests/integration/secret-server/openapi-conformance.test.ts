import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changeSecretPassword, type SecretServerClient } from '../../../main/secret-server';
import { CREDENTIALS_CACHE_SCRIPT, type SecretServerSimulator } from '../../../simulators/secret-server';
import { check, responseSchema } from './openapi-check';
import { clientFor, withSim } from './helpers';

const closers: Array<() => Promise<void>> = [];
let sim: SecretServerSimulator;
let c: SecretServerClient;
const ids: Record<string, number | string> = {};

beforeAll(async () => {
  sim = await withSim(closers);
  const st = sim.state;
  const f = st.addFolder('Apps');
  const s = st.addSecret('db', { templateId: sim.seed?.passwordTemplateId ?? 0, folderId: f.id, values: { password: 'x' } });
  st.grantFolder(f.id, st.users[0]?.id ?? 0, 'Owner', 'Owner');
  st.grantSecret(s.id, st.users[0]?.id ?? 0, 'View');
  const script = st.addScript('Refresh', CREDENTIALS_CACHE_SCRIPT);
  const { policy, pipeline } = st.addCredentialsCachePolicy({
    name: 'P',
    folderIds: [f.id],
    scriptId: script.scriptId,
    connectionSecretId: s.id,
    siteId: sim.seed?.defaultSiteId ?? 0,
  });
  c = clientFor(sim);
  await changeSecretPassword(c, s.id);
  await sim.runner.idle();
  Object.assign(ids, {
    secret: s.id,
    folder: f.id,
    role: st.roles[0]?.id ?? 0,
    user: st.users[0]?.id ?? 0,
    template: sim.seed?.amazonIamKeyTemplateId ?? 0,
    script: script.scriptId,
    policy: policy.eventPipelinePolicyId,
    pipeline: pipeline.eventPipelineId,
    run: st.runs[0]?.eventPipelinePolicyRunId ?? '',
  });
});
afterAll(async () => {
  while (closers.length) await closers.pop()?.();
});

const GETS: Array<[string, () => string]> = [
  ['/v1/users/current', () => '/api/v1/users/current'],
  ['/v1/version', () => '/api/v1/version'],
  ['/v1/healthcheck', () => '/api/v1/healthcheck'],
  ['/v2/secrets', () => '/api/v2/secrets'],
  ['/v2/secrets/{id}', () => `/api/v2/secrets/${ids.secret}`],
  ['/v1/secrets/stub', () => `/api/v1/secrets/stub?secretTemplateId=${ids.template}&folderId=${ids.folder}`],
  ['/v1/secrets/{id}/summary', () => `/api/v1/secrets/${ids.secret}/summary`],
  ['/v1/secrets/{id}/audits', () => `/api/v1/secrets/${ids.secret}/audits`],
  ['/v1/secret-templates', () => '/api/v1/secret-templates'],
  ['/v1/roles', () => '/api/v1/roles'],
  ['/v1/roles/{id}/permissions', () => `/api/v1/roles/${ids.role}/permissions`],
  ['/v1/roles/{id}/permissions/unassigned', () => `/api/v1/roles/${ids.role}/permissions/unassigned`],
  ['/v1/users', () => '/api/v1/users'],
  ['/v1/users/{id}', () => `/api/v1/users/${ids.user}`],
  ['/v1/users/{userId}/roles-assigned', () => `/api/v1/users/${ids.user}/roles-assigned`],
  ['/v1/secret-permissions', () => `/api/v1/secret-permissions?filter.secretId=${ids.secret}`],
  ['/v1/folder-permissions', () => `/api/v1/folder-permissions?filter.folderId=${ids.folder}`],
  ['/v1/folders', () => '/api/v1/folders'],
  ['/v1/folders/{id}', () => `/api/v1/folders/${ids.folder}`],
  ['/v2/userscripts', () => '/api/v2/userscripts'],
  ['/v2/userscripts/{scriptId}', () => `/api/v2/userscripts/${ids.script}`],
  ['/v1/userscripts/categories', () => '/api/v1/userscripts/categories'],
  ['/v1/event-pipeline-policy/list', () => '/api/v1/event-pipeline-policy/list'],
  ['/v1/event-pipeline-policy/{id}', () => `/api/v1/event-pipeline-policy/${ids.policy}`],
  ['/v1/event-pipeline-policy/{id}/folders', () => `/api/v1/event-pipeline-policy/${ids.policy}/folders`],
  ['/v1/event-pipeline/list', () => '/api/v1/event-pipeline/list'],
  ['/v1/event-pipeline/{id}', () => `/api/v1/event-pipeline/${ids.pipeline}`],
  ['/v1/event-pipeline/trigger/options', () => '/api/v1/event-pipeline/trigger/options?eventEntityTypeId=10001'],
  ['/v1/event-pipeline-settings/tasks/options', () => '/api/v1/event-pipeline-settings/tasks/options?eventEntityTypeId=10001'],
  ['/v1/event-pipeline-settings/task/list', () => '/api/v1/event-pipeline-settings/task/list'],
  ['/v1/event-pipeline-settings/task-settings/list/{id}', () => '/api/v1/event-pipeline-settings/task-settings/list/1'],
  ['/v1/event-pipeline-policy/runs', () => `/api/v1/event-pipeline-policy/runs?filter.eventPipelinePolicyId=${ids.policy}`],
  ['/v1/event-pipeline/runs', () => `/api/v1/event-pipeline/runs?filter.eventPipelineId=${ids.pipeline}`],
  [
    '/v1/event-pipeline-policy/activity',
    () => `/api/v1/event-pipeline-policy/activity?eventPipelineId=${ids.pipeline}&eventPipelinePolicyRunId=${ids.run}`,
  ],
  ['/v1/sites', () => '/api/v1/sites'],
  ['/v1/distributed-engine/sites', () => '/api/v1/distributed-engine/sites?filter.includeSiteMetrics=true'],
  ['/v1/distributed-engine/engines', () => '/api/v1/distributed-engine/engines'],
];

describe('the schema checker', () => {
  it('catches wrong types, bad enums and missing required fields', () => {
    expect(check({ id: 'x', userName: 1 }, responseSchema('get', '/v1/users/current'))).toHaveLength(2);
    expect(check({ records: [{ status: 'Running' }] }, responseSchema('get', '/v1/event-pipeline-policy/runs'))[0]).toMatch(/not in enum/);
    expect(check({}, { $ref: '#/components/schemas/BadRequestResponse' })).toEqual(['$.message: required']);
  });
});

describe('simulator responses conform to the vendor OpenAPI 11.7.2', () => {
  it.each(GETS)('GET %s', async (specPath, url) => {
    const body = await c.call<unknown>('GET', url());
    expect(body).toBeDefined();
    expect(check(body, responseSchema('get', specPath))).toEqual([]);
  });

  it('paged lists carry the full envelope with records', async () => {
    const body = await c.call<Record<string, unknown>>('GET', '/api/v1/event-pipeline-policy/runs');
    for (const k of [
      'records',
      'total',
      'skip',
      'take',
      'nextSkip',
      'prevSkip',
      'hasNext',
      'hasPrev',
      'currentPage',
      'pageCount',
      'batchCount',
      'sortBy',
      'success',
      'severity',
    ])
      expect(body).toHaveProperty(k);
    expect((body.records as unknown[]).length).toBeGreaterThan(0);
  });

  it('error bodies match BadRequestResponse and AuthenticationFailedResponse', async () => {
    const res = await fetch(`${sim.url}/api/v1/roles`, { method: 'POST', headers: { authorization: 'Bearer nope' } });
    expect(res.status).toBe(401);
    expect(check(await res.json(), { $ref: '#/components/schemas/AuthenticationFailedResponse' })).toEqual([]);
    const token = await c.session.token();
    const bad = await fetch(`${sim.url}/api/v1/roles`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(bad.status).toBe(400);
    expect(check(await bad.json(), { $ref: '#/components/schemas/BadRequestResponse' })).toEqual([]);
  });
});
