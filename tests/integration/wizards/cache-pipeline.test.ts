import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applicable, wizardRig, type WizardRig } from './fixture';

describe('setup wizard: the cache pipeline (seed 000) on a fresh Secret Server', () => {
  let rig: WizardRig;
  beforeAll(async () => {
    rig = await wizardRig();
  }, 60_000);
  afterAll(async () => rig?.close());

  it('plans every step on a fresh server, applies them, and the canary refreshes the cache', async () => {
    await rig.call('setup:inputs', { wizardId: 'cache-pipeline', inputs: rig.inputs });
    const plan = await rig.call('setup:plan', { wizardId: 'cache-pipeline' });
    const byId = Object.fromEntries(plan.steps.map((s) => [s.id, s]));
    expect(byId.role?.status).toBe('changes');
    expect(byId.script?.status).toBe('changes');
    expect(byId.sites?.status).toBe('ok');
    const keys = applicable(plan);
    expect(keys).toEqual(
      expect.arrayContaining([
        'role:create',
        'role:permissions',
        'role:assign',
        'template',
        'script',
        'policy',
        'policy:activate',
        'canary',
      ]),
    );
    const applied = await rig.call('setup:apply', { wizardId: 'cache-pipeline', planId: plan.planId!, confirmed: keys });
    expect(applied.lastApply?.failed).toBe(0);
    const s = rig.demo.secretServer.state;
    const app = s.users.find((u) => u.userName === rig.inputs.applicationAccount)!;
    expect([...s.permissionNamesOf(app)].sort()).toEqual([
      'Administer Secret Server Pipelines',
      'Administer Secret Server Scripts',
      'View Secret',
    ]);
    const script = s.scripts.find((x) => x.name === rig.inputs.scriptName)!;
    expect(script.script).toMatch(/Tls12/);
    expect(script.script).not.toMatch(/ServerCertificateValidationCallback/);
    const pipeline = s.pipelines.find((p) => p.eventPipelineName.startsWith('Refresh Credentials Cache - '))!;
    expect(pipeline.tasks[0]?.settings.ScriptArgs).toBe(
      '$ItemId $[ADD:1]$tenanturl $[ADD:1]$clientid $[ADD:1]$clientsecret $[ADD:1]$credcacheurl $[ADD:1]$domain',
    );
    const verified = await rig.call('setup:verify', { wizardId: 'cache-pipeline' });
    expect(verified.verification?.message).toBeDefined();
    expect(verified.verification?.ok, verified.verification?.message).toBe(true);
    expect(verified.verification?.instances.map((i) => i.state)).toEqual(['refreshed']);
    expect(verified.verification?.changeToRefreshMs).toBeGreaterThanOrEqual(0);
    expect(verified.steps.map((x) => x.status)).toEqual(['verified', 'verified', 'verified', 'verified', 'verified', 'verified']);
  }, 120_000);

  it('a second run plans no changes', async () => {
    const again = await rig.call('setup:plan', { wizardId: 'cache-pipeline' });
    expect(applicable(again)).toEqual([]);
    expect(again.steps.map((x) => x.status)).toEqual(['ok', 'ok', 'ok', 'ok', 'ok', 'ok']);
  }, 60_000);

  it('a partial setup plans only the missing parts and completes them', async () => {
    const s = rig.demo.secretServer.state;
    const policy = s.policies.find((p) => p.eventPipelinePolicyName === rig.inputs.policyName)!;
    policy.active = false;
    const script = s.scripts.find((x) => x.name === rig.inputs.scriptName)!;
    script.script = script.script.replace('$TimeoutSec  = 20', '$TimeoutSec  = 600');
    const plan = await rig.call('setup:plan', { wizardId: 'cache-pipeline' });
    expect(applicable(plan).sort()).toEqual(['policy:activate', 'script']);
    const diff = plan.steps.find((x) => x.id === 'script')?.diff ?? '';
    expect(diff).toContain('-$TimeoutSec  = 600');
    expect(diff).toContain('+$TimeoutSec  = 20');
    const applied = await rig.call('setup:apply', { wizardId: 'cache-pipeline', planId: plan.planId!, confirmed: applicable(plan) });
    expect(applied.lastApply?.applied).toBe(2);
    expect(policy.active).toBe(true);
    expect(applicable(await rig.call('setup:plan', { wizardId: 'cache-pipeline' }))).toEqual([]);
  }, 60_000);
});

describe('setup wizard: rights and failures', () => {
  let rig: WizardRig;
  beforeAll(async () => {
    rig = await wizardRig();
  }, 60_000);
  afterAll(async () => rig?.close());

  it('an account without the rights gets the manual step, which verifies once done by hand', async () => {
    const s = rig.demo.secretServer.state;
    // The application account itself may administer pipelines and scripts but not roles.
    const only = s.addRole('Pipelines only', [
      'Administer Secret Server Pipelines',
      'Administer Secret Server Scripts',
      'View Secret',
      'View Users',
    ]);
    const app = s.users.find((u) => u.userName === rig.inputs.applicationAccount)!;
    app.roleIds = [only.id];
    await rig.call('setup:inputs', {
      wizardId: 'cache-pipeline',
      inputs: { ...rig.inputs, secretServerProfileId: rig.ids.app, roleName: 'Cache role' },
    });
    const plan = await rig.call('setup:plan', { wizardId: 'cache-pipeline', stepIds: ['role'] });
    const role = plan.steps.find((x) => x.id === 'role')!;
    expect(role.status).toBe('manual');
    expect(role.manual?.reason).toMatch(/Administer Roles/);
    expect(role.manual?.steps.join('\n')).toMatch(/Access > Roles/);
    expect(role.changes.filter((c) => c.action === 'create' || c.action === 'update')).toEqual([]);
    const refused = await rig.send('setup:apply', { wizardId: 'cache-pipeline', planId: plan.planId, confirmed: ['role:create'] });
    expect(refused.ok).toBe(false);
    const runbook = await rig.call('setup:runbook', { wizardId: 'cache-pipeline' });
    expect(runbook.markdown).toMatch(/By hand in the Secret Server UI/);
    // The admin does it by hand; verify then confirms it.
    const done = s.addRole('Cache role', ['Administer Secret Server Pipelines', 'Administer Secret Server Scripts', 'View Secret']);
    app.roleIds = [only.id, done.id];
    const verified = await rig.call('setup:verify', { wizardId: 'cache-pipeline', stepIds: ['role'] });
    expect(verified.steps.find((x) => x.id === 'role')?.status).toBe('verified');
  }, 60_000);

  it('a failed apply is reported on its step, not hidden, and the others still apply', async () => {
    await rig.call('setup:inputs', { wizardId: 'cache-pipeline', inputs: rig.inputs });
    const plan = await rig.call('setup:plan', { wizardId: 'cache-pipeline', stepIds: ['template-secret', 'script'] });
    const keys = applicable(plan);
    expect(keys).toContain('template');
    rig.demo.secretServer.faults.burst({ status: 500, count: 5, path: '/api/v1/secret-templates' });
    const after = await rig.call('setup:apply', { wizardId: 'cache-pipeline', planId: plan.planId!, confirmed: keys });
    expect(after.lastApply?.failed).toBeGreaterThan(0);
    const step = after.steps.find((x) => x.id === 'template-secret')!;
    expect(step.status).toBe('failed');
    expect(step.error?.message).toBeTruthy();
    expect(after.lastApply?.results.find((r) => r.key === 'template')?.status).toBe('failed');
    expect(after.steps.find((x) => x.id === 'script')?.status).toBe('applied');
  }, 60_000);
});
