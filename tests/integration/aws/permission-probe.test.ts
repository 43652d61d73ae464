import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED_004_ACTIONS, probeSecretsManagerPermissions } from '../../../main/aws';
import { startAwsFixture, type AwsFixture } from './fixture';

let fx: AwsFixture;
beforeAll(async () => {
  fx = await startAwsFixture();
  fx.sim.addKey({
    accessKeyId: 'EXAMPLELISTONLY00000001',
    secretAccessKey: 'list-only',
    userName: 'lister',
    allow: ['ListSecrets', 'DescribeSecret'],
  });
});
afterAll(() => fx.close());

const byAction = (results: Awaited<ReturnType<typeof probeSecretsManagerPermissions>>): Record<string, string> =>
  Object.fromEntries(results.map((r) => [r.action, r.status]));

describe('read-only permission probe', () => {
  it('passes every probe-able seed 004 action for a full-access key and changes nothing', async () => {
    fx.sim.state.put('existing', 'v');
    const results = await probeSecretsManagerPermissions(fx.client());
    expect(results.map((r) => r.action)).toEqual([...SEED_004_ACTIONS]);
    expect(byAction(results)).toEqual({
      ListSecrets: 'pass',
      DescribeSecret: 'pass',
      GetSecretValue: 'pass',
      ListSecretVersionIds: 'pass',
      CreateSecret: 'unverified',
      PutSecretValue: 'pass',
      UpdateSecretVersionStage: 'pass',
    });
    expect(fx.sim.state.all().map((s) => s.name)).toEqual(['existing']);
    expect(fx.sim.state.all()[0]?.versions.size).toBe(1);
  });

  it('fails the actions a restricted key lacks, with the fix in words', async () => {
    const c = fx.client({ credentials: { kind: 'static', key: { accessKeyId: 'EXAMPLELISTONLY00000001', secretAccessKey: 'list-only' } } });
    const results = await probeSecretsManagerPermissions(c);
    expect(byAction(results)).toMatchObject({
      ListSecrets: 'pass',
      DescribeSecret: 'pass',
      GetSecretValue: 'fail',
      ListSecretVersionIds: 'fail',
      PutSecretValue: 'fail',
    });
    const get = results.find((r) => r.action === 'GetSecretValue');
    expect(get?.code).toBe('ACCESS_DENIED');
    expect(get?.fix).toContain('secretsmanager:GetSecretValue');
    expect(get?.fix).toMatch(/IAM policy/);
  });

  it('reports an unknown key once as an error on every action instead of a permission verdict', async () => {
    const c = fx.client({ credentials: { kind: 'static', key: { accessKeyId: 'EXAMPLENOBODY0000000000', secretAccessKey: 'x-x-x-x' } } });
    const before = fx.sim.countRequests();
    const results = await probeSecretsManagerPermissions(c);
    expect(results.filter((r) => r.status === 'error').every((r) => r.code === 'UNAUTHENTICATED')).toBe(true);
    expect(results.filter((r) => r.status === 'pass' || r.status === 'fail')).toEqual([]);
    expect(fx.sim.countRequests() - before).toBe(1);
  });
});
