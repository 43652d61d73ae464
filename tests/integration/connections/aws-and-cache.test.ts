import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoRig, type DemoRig } from './fixture';

describe('Test connection: AWS and Credentials Cache against the simulators', () => {
  let rig: DemoRig;
  let ssId: string;
  beforeAll(async () => {
    rig = await demoRig();
    const { secretServer } = rig.demo.info;
    ssId = (
      await rig.call('connections:create', {
        profile: {
          kind: 'secret-server',
          name: 'SS',
          baseUrl: secretServer.url,
          username: secretServer.username,
          password: secretServer.password,
        },
      })
    ).id;
  }, 60_000);
  afterAll(() => rig?.close());

  const aws = (name: string, over: Record<string, unknown>) =>
    rig.call('connections:create', {
      profile: {
        kind: 'aws',
        name,
        region: rig.demo.info.aws.region,
        endpoint: rig.demo.info.aws.endpoint,
        credentialSource: 'static',
        ...over,
      } as never,
    });

  it('static keys pass every stage; the secret access key never comes back', async () => {
    const p = await aws('static', { accessKeyId: rig.demo.info.aws.accessKeyId, secretAccessKey: rig.demo.info.aws.secretAccessKey });
    expect(p).toMatchObject({ hasSecretAccessKey: true, accessKeyIdHint: `…${rig.demo.info.aws.accessKeyId.slice(-4)}` });
    expect(JSON.stringify(await rig.call('connections:list', {}))).not.toContain(rig.demo.info.aws.secretAccessKey);
    const r = await rig.call('connections:test', { id: p.id });
    expect(r.ok).toBe(true);
    const perms = r.stages.find((s) => s.id === 'permissions')?.checks ?? [];
    expect(perms.find((c) => c.name === 'secretsmanager:CreateSecret')?.status).toBe('unverified');
    expect(perms.filter((c) => c.status === 'pass')).toHaveLength(6);
  });

  it('keys read from the "Amazon IAM Key" secret in Secret Server pass too', async () => {
    const p = await aws('from-ss', {
      credentialSource: 'secret-server',
      secretServerProfileId: ssId,
      secretId: rig.demo.info.amazonIamKeySecretId,
    });
    const r = await rig.call('connections:test', { id: p.id });
    expect(r.ok).toBe(true);
  });

  it('an unknown key fails at authentication; a read-only key fails at permissions naming the actions', async () => {
    const bad = await aws('bad', { accessKeyId: 'EXAMPLEUNKNOWNKEY000001', secretAccessKey: 'nope-nope-nope' });
    const r1 = await rig.call('connections:test', { id: bad.id });
    expect(r1.failedStage).toBe('auth');
    expect(r1.stages.find((s) => s.id === 'auth')?.fix).toMatch(/access key id and secret access key/);
    rig.demo.aws.addKey({
      accessKeyId: 'EXAMPLEREADONLYKEY00001',
      secretAccessKey: 'read-only-secret',
      userName: 'ro',
      allow: ['ListSecrets', 'DescribeSecret', 'GetSecretValue', 'ListSecretVersionIds'],
    });
    const ro = await aws('ro', { accessKeyId: 'EXAMPLEREADONLYKEY00001', secretAccessKey: 'read-only-secret' });
    const r2 = await rig.call('connections:test', { id: ro.id });
    expect(r2.failedStage).toBe('permissions');
    const detail = r2.stages.find((s) => s.id === 'permissions')?.detail ?? '';
    expect(detail).toContain('secretsmanager:PutSecretValue');
    expect(detail).not.toContain('GetSecretValue');
  });

  it('the running cache passes (swagger, token, View Secret); the stopped one fails at TCP', async () => {
    const [hq, branch] = rig.demo.info.credentialsCache;
    const up = await rig.call('connections:create', {
      profile: { kind: 'credentials-cache', name: 'HQ', url: hq!.url, secretServerProfileId: ssId },
    });
    const r = await rig.call('connections:test', { id: up.id });
    expect(Object.fromEntries(r.stages.map((s) => [s.id, s.status]))).toEqual({
      dns: 'pass',
      tcp: 'pass',
      tls: 'skipped',
      http: 'pass',
      auth: 'pass',
      permissions: 'pass',
    });
    const down = await rig.call('connections:create', {
      profile: { kind: 'credentials-cache', name: 'Branch', url: branch!.url, secretServerProfileId: ssId },
    });
    const r2 = await rig.call('connections:test', { id: down.id });
    expect(r2.failedStage).toBe('tcp');
    expect(r2.stages.find((s) => s.id === 'tcp')?.fix).toMatch(/service is running/);
  });

  it('a cache account with a wrong password fails at authentication', async () => {
    const p = await rig.call('connections:create', {
      profile: {
        kind: 'credentials-cache',
        name: 'HQ wrong account',
        url: rig.demo.info.credentialsCache[0]!.url,
        secretServerProfileId: ssId,
        username: 'svc-engine-console',
        password: 'wrong-password-1',
      },
    });
    const r = await rig.call('connections:test', { id: p.id });
    expect(r.failedStage).toBe('auth');
    expect(JSON.stringify(r)).not.toContain('wrong-password-1');
  });
});
