import { ListSecretsCommand, PutSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ContractError } from '../../../contract/errors';
import {
  batchGetSecretValues,
  createSecret,
  createSecretsManagerClient,
  deleteSecret,
  deriveClientRequestToken,
  describeSecret,
  getSecretValue,
  listAllSecrets,
  listSecretVersionIds,
  putSecretValue,
  restoreSecret,
  tagSecret,
  toContractError,
  updateSecretVersionStage,
} from '../../../main/aws';
import { startAwsFixture, type AwsFixture } from './fixture';
import { rejection } from '../../support/contract-error';

let fx: AwsFixture;
beforeAll(async () => {
  fx = await startAwsFixture();
});
afterAll(() => fx.close());
afterEach(() => {
  fx.sim.state.clear();
  fx.sim.faults.clear();
  fx.sim.requests.length = 0;
});

describe('main/aws against the simulator', () => {
  it('runs every thin operation end to end', async () => {
    const c = fx.client();
    const created = await createSecret(c, { name: 'delinea/1', value: 'v1', tags: { 'delinea:secretId': '1' }, description: 'first' });
    expect(created.ARN).toContain(':secret:delinea/1-');
    const t2 = deriveClientRequestToken('1', 'v2');
    await putSecretValue(c, 'delinea/1', 'v2', { clientRequestToken: t2 });
    expect((await getSecretValue(c, 'delinea/1')).SecretString).toBe('v2');
    expect((await getSecretValue(c, 'delinea/1', { versionStage: 'AWSPREVIOUS' })).SecretString).toBe('v1');
    await tagSecret(c, 'delinea/1', { owner: 'ops' });
    const d = await describeSecret(c, 'delinea/1');
    expect(d.Tags).toContainEqual({ Key: 'owner', Value: 'ops' });
    expect(await listSecretVersionIds(c, 'delinea/1')).toHaveLength(2);
    const t3 = deriveClientRequestToken('1', 'v3');
    await putSecretValue(c, 'delinea/1', 'v3', { clientRequestToken: t3, versionStages: ['AWSPENDING'] });
    await updateSecretVersionStage(c, 'delinea/1', 'AWSCURRENT', { moveTo: t3, removeFrom: t2 });
    expect((await getSecretValue(c, 'delinea/1')).SecretString).toBe('v3');
    await createSecret(c, { name: 'delinea/2', value: new Uint8Array([9, 8]) });
    const batch = await batchGetSecretValues(c, ['delinea/1', 'delinea/2', 'nope']);
    expect(batch.values.map((v) => v.Name)).toEqual(['delinea/1', 'delinea/2']);
    expect(batch.errors.map((e) => e.ErrorCode)).toEqual(['ResourceNotFoundException']);
    await deleteSecret(c, 'delinea/2', { recoveryWindowInDays: 7 });
    expect((await rejection(getSecretValue(c, 'delinea/2'))).code).toBe('CONFLICT');
    await restoreSecret(c, 'delinea/2');
    await deleteSecret(c, 'delinea/2', { force: true });
    expect((await rejection(describeSecret(c, 'delinea/2'))).code).toBe('NOT_FOUND');
  });

  it('batch-reads more than 20 ids in chunks of 20', async () => {
    for (let i = 0; i < 45; i++) fx.sim.state.put(`many/${i}`, `v${i}`);
    const ids = Array.from({ length: 45 }, (_, i) => `many/${i}`);
    const res = await batchGetSecretValues(fx.client(), ids);
    expect(res.values).toHaveLength(45);
    expect(fx.sim.countRequests('BatchGetSecretValue')).toBe(3);
  });

  it('lists every secret exactly once through empty pages that still carry a NextToken', async () => {
    const names: string[] = [];
    for (let i = 0; i < 23; i++) {
      const name = i % 4 === 0 ? `other/${i}` : `app/${i}`;
      fx.sim.state.put(name, 'v');
      if (name.startsWith('app/')) names.push(name);
    }
    // A filtered scan yields windows with no match; injected faults add more empty pages.
    fx.sim.faults.inject('empty-page', { count: 3 });
    const c = fx.client();
    const pages: number[] = [];
    const list = await listAllSecrets(c, { pageSize: 3, filters: [{ Key: 'name', Values: ['app/'] }], onPage: (n) => pages.push(n) });
    expect(list.map((s) => s.Name).sort()).toEqual(names.sort());
    expect(new Set(list.map((s) => s.ARN)).size).toBe(list.length);
    const raw = await c.send(new ListSecretsCommand({ MaxResults: 3, Filters: [{ Key: 'name', Values: ['zzz'] }] }));
    expect(raw.SecretList).toEqual([]);
    expect(raw.NextToken).toBeTruthy();
    expect(pages.length).toBeGreaterThan(Math.ceil(23 / 3));
  });

  it('writes no duplicate version when a put is retried with the same derived token', async () => {
    const c = fx.client();
    fx.sim.state.put('idem', 'v1');
    const token = deriveClientRequestToken('ss-42', 'sha256-of-v2');
    const a = await putSecretValue(c, 'idem', 'v2', { clientRequestToken: token });
    const b = await putSecretValue(c, 'idem', 'v2', { clientRequestToken: token });
    expect(b.VersionId).toBe(a.VersionId);
    expect(await listSecretVersionIds(c, 'idem', { includeDeprecated: true })).toHaveLength(2);
    const conflict = await rejection(putSecretValue(c, 'idem', 'different', { clientRequestToken: token }));
    expect(conflict.code).toBe('CONFLICT');
  });

  it('lets the SDK retry a ThrottlingException burst and succeed', async () => {
    fx.sim.state.put('t', 'v');
    fx.sim.faults.inject('throttle', { count: 1, op: 'GetSecretValue' });
    const res = await getSecretValue(fx.client({ maxAttempts: 3 }), 't');
    expect(res.SecretString).toBe('v');
    expect(res.$metadata.attempts).toBe(2);
    expect(fx.sim.countRequests('GetSecretValue')).toBe(2);
  });

  it('lets the SDK retry a 503 burst and a connection reset', async () => {
    fx.sim.state.put('u', 'v');
    fx.sim.faults.inject('unavailable', { count: 1 }).inject('reset', { count: 1 });
    const res = await describeSecret(fx.client({ maxAttempts: 3 }), 'u');
    expect(res.Name).toBe('u');
    expect(fx.sim.countRequests('DescribeSecret')).toBe(3);
  });

  it('does not retry LimitExceededException (the SDK would: it lists it as throttling)', async () => {
    fx.sim.state.put('l', 'v');
    fx.sim.faults.inject('limit-exceeded', { count: 5, op: 'PutSecretValue' });
    const err = await rejection(
      putSecretValue(fx.client({ maxAttempts: 3 }), 'l', 'v2', { clientRequestToken: deriveClientRequestToken('l') }),
    );
    expect(err.code).toBe('THROTTLED');
    expect(err.retryable).toBe(false);
    expect(err.message).toMatch(/quota/i);
    expect(err.message).toContain('PutSecretValue');
    expect(fx.sim.countRequests('PutSecretValue')).toBe(1);
  });

  it('refuses a value over 64 KB with a VALIDATION error that says so, before calling AWS', async () => {
    fx.sim.state.put('big', 'v');
    const err = await rejection(
      putSecretValue(fx.client(), 'big', 'x'.repeat(65_537), { clientRequestToken: deriveClientRequestToken('big') }),
    );
    expect(err.code).toBe('VALIDATION');
    expect(err.message).toContain('65,537 bytes');
    expect(err.message).toContain('64 KB');
    expect(fx.sim.countRequests('PutSecretValue')).toBe(0);
    // Multi-byte characters count in bytes, not characters.
    const utf8 = await rejection(createSecret(fx.client(), { name: 'utf8', value: 'é'.repeat(40_000) }));
    expect(utf8.code).toBe('VALIDATION');
    // Sent anyway (raw SDK), AWS's own ValidationException maps to the same code.
    const raw = await fx
      .client()
      .send(new PutSecretValueCommand({ SecretId: 'big', SecretString: 'x'.repeat(65_537) }))
      .catch((e: unknown) => toContractError(e, { operation: 'PutSecretValue' }));
    expect(raw).toBeInstanceOf(ContractError);
    expect((raw as ContractError).code).toBe('VALIDATION');
    expect((raw as ContractError).message).toContain('65536');
  });

  it('maps AWS errors to contract codes with redacted messages', async () => {
    const c = fx.client();
    expect((await rejection(describeSecret(c, 'missing'))).code).toBe('NOT_FOUND');
    fx.sim.state.put('dup', 'v');
    expect((await rejection(createSecret(c, { name: 'dup', value: 'v2' }))).code).toBe('CONFLICT');
    expect((await rejection(createSecret(c, { name: 'bad name', value: 'v' }))).code).toBe('VALIDATION');
    const unknown = fx.client({
      credentials: { kind: 'static', key: { accessKeyId: 'EXAMPLEUNKNOWN000000000', secretAccessKey: 'nope-nope' } },
    });
    const unauth = await rejection(describeSecret(unknown, 'dup'));
    expect(unauth.code).toBe('UNAUTHENTICATED');
    expect(unauth.message).toContain('UnrecognizedClientException');
    const wrong = fx.client({ credentials: { kind: 'static', key: { ...fx.sim.credentials, secretAccessKey: 'wrong-secret' } } });
    expect((await rejection(describeSecret(wrong, 'dup'))).code).toBe('UNAUTHENTICATED');
    fx.sim.faults.inject('html');
    const html = await rejection(describeSecret(c, 'dup'));
    expect(html.code).toBe('UNAVAILABLE');
    expect(html.message).toMatch(/HTML/);
  });

  it('refuses a profile whose region is not a region code', () => {
    expect(() => createSecretsManagerClient({ region: 'Frankfurt', credentials: { kind: 'default-chain' } })).toThrow(ContractError);
    expect(() => createSecretsManagerClient({ region: 'us-gov-west-1', credentials: { kind: 'default-chain' } }).destroy()).not.toThrow();
  });

  it('maps a closed port to NETWORK', async () => {
    const dead = createSecretsManagerClient({
      region: 'us-east-1',
      endpoint: 'http://127.0.0.1:1',
      credentials: { kind: 'static', key: fx.sim.credentials },
      maxAttempts: 1,
    });
    try {
      const err = await rejection(describeSecret(dead, 'x'));
      expect(err.code).toBe('NETWORK');
    } finally {
      dead.destroy();
    }
  });

  it('reads keys from a Secret Server "Amazon IAM Key" secret through the given callback', async () => {
    fx.sim.state.put('k', 'v');
    const asked: (string | number)[] = [];
    const c = createSecretsManagerClient(
      { region: fx.sim.region, endpoint: fx.sim.endpoint, credentials: { kind: 'secret-server', secretId: 77 }, maxAttempts: 1 },
      {
        readIamKey: async (id) => {
          asked.push(id);
          return fx.sim.credentials;
        },
      },
    );
    try {
      expect((await describeSecret(c, 'k')).Name).toBe('k');
      await describeSecret(c, 'k');
      expect(asked).toEqual([77]);
    } finally {
      c.destroy();
    }
    const orphan = createSecretsManagerClient({
      region: 'us-east-1',
      endpoint: fx.sim.endpoint,
      credentials: { kind: 'secret-server', secretId: 1 },
      maxAttempts: 1,
    });
    try {
      expect((await rejection(describeSecret(orphan, 'k'))).code).toBe('UNAUTHENTICATED');
    } finally {
      orphan.destroy();
    }
  });

  it('never takes the endpoint from AWS_ENDPOINT_URL* in the environment', async () => {
    const saved = { one: process.env.AWS_ENDPOINT_URL_SECRETS_MANAGER, all: process.env.AWS_ENDPOINT_URL };
    process.env.AWS_ENDPOINT_URL_SECRETS_MANAGER = fx.sim.endpoint;
    process.env.AWS_ENDPOINT_URL = fx.sim.endpoint;
    const c = createSecretsManagerClient({ region: 'eu-west-1', credentials: { kind: 'static', key: fx.sim.credentials }, maxAttempts: 1 });
    let host = '';
    // Stops the request before it leaves the process, after the endpoint is resolved.
    c.middlewareStack.add(
      () => async (args) => {
        host = (args.request as { hostname?: string }).hostname ?? '';
        throw new Error('stopped before sending');
      },
      { step: 'finalizeRequest', priority: 'low' },
    );
    try {
      await describeSecret(c, 'x').catch(() => undefined);
      expect(host).toBe('secretsmanager.eu-west-1.amazonaws.com');
      expect(fx.sim.countRequests()).toBe(0);
    } finally {
      c.destroy();
      if (saved.one === undefined) delete process.env.AWS_ENDPOINT_URL_SECRETS_MANAGER;
      else process.env.AWS_ENDPOINT_URL_SECRETS_MANAGER = saved.one;
      if (saved.all === undefined) delete process.env.AWS_ENDPOINT_URL;
      else process.env.AWS_ENDPOINT_URL = saved.all;
    }
  });

  it('honours an AbortSignal', async () => {
    fx.sim.state.put('slow', 'v');
    fx.sim.faults.setLatency(5_000);
    const ac = new AbortController();
    const p = describeSecret(fx.client(), 'slow', { signal: ac.signal });
    ac.abort();
    expect((await rejection(p)).code).toBe('CANCELLED');
  });
});
