import {
  BatchGetSecretValueCommand,
  CreateSecretCommand,
  DeleteSecretCommand,
  DescribeSecretCommand,
  GetSecretValueCommand,
  ListSecretVersionIdsCommand,
  ListSecretsCommand,
  PutSecretValueCommand,
  RestoreSecretCommand,
  SecretsManagerClient,
  TagResourceCommand,
  UpdateSecretVersionStageCommand,
} from '@aws-sdk/client-secrets-manager';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startAwsSecretsManagerSimulator, type AwsSimulator } from '../../../simulators/aws-secrets-manager';

// The real SDK against the simulator, raw commands: proves the wire protocol and the AWS rules.
let sim: AwsSimulator;
let sm: SecretsManagerClient;

beforeAll(async () => {
  sim = await startAwsSecretsManagerSimulator();
  sm = new SecretsManagerClient({ region: sim.region, endpoint: sim.endpoint, credentials: sim.credentials, maxAttempts: 1 });
});
afterAll(async () => {
  sm.destroy();
  await sim.close();
});
afterEach(() => {
  sim.state.clear();
  sim.faults.clear();
});

const token = (n: number): string => `token-${String(n).padStart(26, '0')}`;
const errName = (p: Promise<unknown>): Promise<string> =>
  p.then(
    () => 'resolved',
    (e: Error) => e.name,
  );

describe('AWS Secrets Manager simulator with the real SDK', () => {
  it('creates a secret with an ARN carrying a random 6-character suffix and reads it back', async () => {
    const created = await sm.send(
      new CreateSecretCommand({
        Name: 'delinea/app/db',
        SecretString: '{"password":"p1"}',
        Description: 'db',
        Tags: [{ Key: 'delinea:secretId', Value: '42' }],
      }),
    );
    expect(created.ARN).toMatch(/^arn:aws:secretsmanager:us-east-1:111122223333:secret:delinea\/app\/db-[A-Za-z0-9]{6}$/);
    const got = await sm.send(new GetSecretValueCommand({ SecretId: 'delinea/app/db' }));
    expect(got.SecretString).toBe('{"password":"p1"}');
    expect(got.VersionStages).toEqual(['AWSCURRENT']);
    expect(got.CreatedDate).toBeInstanceOf(Date);
    const byArn = await sm.send(new DescribeSecretCommand({ SecretId: created.ARN }));
    expect(byArn.Name).toBe('delinea/app/db');
    expect(byArn.Tags).toEqual([{ Key: 'delinea:secretId', Value: '42' }]);
    expect(byArn.VersionIdsToStages).toEqual({ [created.VersionId!]: ['AWSCURRENT'] });
    const partial = await sm.send(new DescribeSecretCommand({ SecretId: created.ARN!.slice(0, -7) }));
    expect(partial.ARN).toBe(created.ARN);
  });

  it('gives a re-created name a new ARN suffix', async () => {
    const a = await sm.send(new CreateSecretCommand({ Name: 'x', SecretString: 'v' }));
    await sm.send(new DeleteSecretCommand({ SecretId: 'x', ForceDeleteWithoutRecovery: true }));
    const b = await sm.send(new CreateSecretCommand({ Name: 'x', SecretString: 'v' }));
    expect(b.ARN).not.toBe(a.ARN);
  });

  it('round-trips SecretBinary as bytes and refuses string and binary together', async () => {
    await sm.send(new CreateSecretCommand({ Name: 'bin', SecretBinary: new Uint8Array([0, 1, 2, 255]) }));
    const got = await sm.send(new GetSecretValueCommand({ SecretId: 'bin' }));
    expect([...(got.SecretBinary ?? [])]).toEqual([0, 1, 2, 255]);
    expect(got.SecretString).toBeUndefined();
    expect(await errName(sm.send(new CreateSecretCommand({ Name: 'both', SecretString: 'a', SecretBinary: new Uint8Array([1]) })))).toBe(
      'InvalidParameterException',
    );
  });

  it('enforces name rules and the 64 KB limit', async () => {
    expect(await errName(sm.send(new CreateSecretCommand({ Name: 'has space', SecretString: 'v' })))).toBe('InvalidParameterException');
    expect(await errName(sm.send(new CreateSecretCommand({ Name: 'a'.repeat(513), SecretString: 'v' })))).toBe('ValidationException');
    expect(await errName(sm.send(new CreateSecretCommand({ Name: 'big', SecretString: 'x'.repeat(65_537) })))).toBe('ValidationException');
    await sm.send(new CreateSecretCommand({ Name: 'max', SecretString: 'x'.repeat(65_536) }));
    expect(await errName(sm.send(new CreateSecretCommand({ Name: 'max', SecretString: 'v' })))).toBe('ResourceExistsException');
  });

  it('makes ClientRequestToken the VersionId: same token + same value is a no-op, different value is refused', async () => {
    await sm.send(new CreateSecretCommand({ Name: 's', SecretString: 'v1' }));
    const first = await sm.send(new PutSecretValueCommand({ SecretId: 's', SecretString: 'v2', ClientRequestToken: token(1) }));
    expect(first.VersionId).toBe(token(1));
    const again = await sm.send(new PutSecretValueCommand({ SecretId: 's', SecretString: 'v2', ClientRequestToken: token(1) }));
    expect(again.VersionId).toBe(token(1));
    const versions = await sm.send(new ListSecretVersionIdsCommand({ SecretId: 's', IncludeDeprecated: true }));
    expect(versions.Versions).toHaveLength(2);
    expect(await errName(sm.send(new PutSecretValueCommand({ SecretId: 's', SecretString: 'other', ClientRequestToken: token(1) })))).toBe(
      'ResourceExistsException',
    );
  });

  it('moves AWSCURRENT and AWSPREVIOUS on put, and stages then promotes AWSPENDING', async () => {
    const c = await sm.send(new CreateSecretCommand({ Name: 'rot', SecretString: 'v1', ClientRequestToken: token(1) }));
    await sm.send(new PutSecretValueCommand({ SecretId: 'rot', SecretString: 'v2', ClientRequestToken: token(2) }));
    let d = await sm.send(new DescribeSecretCommand({ SecretId: 'rot' }));
    expect(d.VersionIdsToStages).toEqual({ [c.VersionId!]: ['AWSPREVIOUS'], [token(2)]: ['AWSCURRENT'] });

    await sm.send(
      new PutSecretValueCommand({ SecretId: 'rot', SecretString: 'v3', ClientRequestToken: token(3), VersionStages: ['AWSPENDING'] }),
    );
    expect((await sm.send(new GetSecretValueCommand({ SecretId: 'rot' }))).SecretString).toBe('v2');
    expect((await sm.send(new GetSecretValueCommand({ SecretId: 'rot', VersionStage: 'AWSPENDING' }))).SecretString).toBe('v3');

    expect(
      await errName(
        sm.send(new UpdateSecretVersionStageCommand({ SecretId: 'rot', VersionStage: 'AWSCURRENT', MoveToVersionId: token(3) })),
      ),
    ).toBe('InvalidParameterException');
    await sm.send(
      new UpdateSecretVersionStageCommand({
        SecretId: 'rot',
        VersionStage: 'AWSCURRENT',
        MoveToVersionId: token(3),
        RemoveFromVersionId: token(2),
      }),
    );
    await sm.send(new UpdateSecretVersionStageCommand({ SecretId: 'rot', VersionStage: 'AWSPENDING', RemoveFromVersionId: token(3) }));
    d = await sm.send(new DescribeSecretCommand({ SecretId: 'rot' }));
    expect(d.VersionIdsToStages).toEqual({ [token(2)]: ['AWSPREVIOUS'], [token(3)]: ['AWSCURRENT'] });
    const all = await sm.send(new ListSecretVersionIdsCommand({ SecretId: 'rot', IncludeDeprecated: true }));
    expect(all.Versions?.map((v) => v.VersionId).sort()).toEqual([c.VersionId, token(2), token(3)].sort());
    const labelled = await sm.send(new ListSecretVersionIdsCommand({ SecretId: 'rot' }));
    expect(labelled.Versions).toHaveLength(2);
  });

  it('schedules deletion with a recovery window: reads and writes fail, describe shows DeletedDate, list hides it, restore brings it back', async () => {
    await sm.send(new CreateSecretCommand({ Name: 'gone', SecretString: 'v' }));
    const del = await sm.send(new DeleteSecretCommand({ SecretId: 'gone', RecoveryWindowInDays: 7 }));
    expect(del.DeletionDate).toBeInstanceOf(Date);
    expect(await errName(sm.send(new GetSecretValueCommand({ SecretId: 'gone' })))).toBe('InvalidRequestException');
    expect(await errName(sm.send(new PutSecretValueCommand({ SecretId: 'gone', SecretString: 'v2' })))).toBe('InvalidRequestException');
    expect(await errName(sm.send(new CreateSecretCommand({ Name: 'gone', SecretString: 'v' })))).toBe('ResourceExistsException');
    expect((await sm.send(new DescribeSecretCommand({ SecretId: 'gone' }))).DeletedDate).toBeInstanceOf(Date);
    expect((await sm.send(new ListSecretsCommand({}))).SecretList).toEqual([]);
    expect((await sm.send(new ListSecretsCommand({ IncludePlannedDeletion: true }))).SecretList?.map((s) => s.Name)).toEqual(['gone']);
    expect(
      await errName(sm.send(new DeleteSecretCommand({ SecretId: 'gone', RecoveryWindowInDays: 7, ForceDeleteWithoutRecovery: true }))),
    ).toBe('InvalidParameterException');
    await sm.send(new RestoreSecretCommand({ SecretId: 'gone' }));
    expect((await sm.send(new GetSecretValueCommand({ SecretId: 'gone' }))).SecretString).toBe('v');
  });

  it('force-deletes at once without recovery', async () => {
    await sm.send(new CreateSecretCommand({ Name: 'now', SecretString: 'v' }));
    await sm.send(new DeleteSecretCommand({ SecretId: 'now', ForceDeleteWithoutRecovery: true }));
    expect(await errName(sm.send(new DescribeSecretCommand({ SecretId: 'now' })))).toBe('ResourceNotFoundException');
  });

  it('tags (overwriting same keys) and filters ListSecrets by name, tag and negation', async () => {
    sim.state.put('app/a', 'v', { team: 'blue' });
    sim.state.put('app/b', 'v', { team: 'red' });
    sim.state.put('other/c', 'v');
    await sm.send(
      new TagResourceCommand({
        SecretId: 'app/b',
        Tags: [
          { Key: 'team', Value: 'green' },
          { Key: 'env', Value: 'prod' },
        ],
      }),
    );
    expect((await sm.send(new DescribeSecretCommand({ SecretId: 'app/b' }))).Tags).toEqual([
      { Key: 'team', Value: 'green' },
      { Key: 'env', Value: 'prod' },
    ]);
    const names = async (Filters: { Key: 'name' | 'tag-key' | 'tag-value' | 'all'; Values: string[] }[]): Promise<string[]> =>
      ((await sm.send(new ListSecretsCommand({ Filters, SortBy: 'name', SortOrder: 'asc' }))).SecretList ?? []).map((s) => s.Name!);
    expect(await names([{ Key: 'name', Values: ['app/'] }])).toEqual(['app/a', 'app/b']);
    expect(await names([{ Key: 'name', Values: ['App/'] }])).toEqual([]);
    expect(await names([{ Key: 'tag-value', Values: ['green'] }])).toEqual(['app/b']);
    expect(await names([{ Key: 'name', Values: ['!app/'] }])).toEqual(['other/c']);
    expect(await names([{ Key: 'all', Values: ['OTHER'] }])).toEqual(['other/c']);
  });

  it('pages ListSecrets with NextToken, including filtered windows that come back empty', async () => {
    for (let i = 0; i < 5; i++) sim.state.put(`skip/${i}`, 'v');
    sim.state.put('keep/1', 'v');
    const first = await sm.send(new ListSecretsCommand({ MaxResults: 2, SortOrder: 'asc', Filters: [{ Key: 'name', Values: ['keep/'] }] }));
    expect(first.SecretList).toEqual([]);
    expect(first.NextToken).toBeTruthy();
    expect(await errName(sm.send(new ListSecretsCommand({ NextToken: 'bogus' })))).toBe('InvalidNextTokenException');
  });

  it('batch-reads by id with per-secret errors instead of a throw', async () => {
    sim.state.put('b/1', 'one');
    sim.state.put('b/2', 'two');
    const res = await sm.send(new BatchGetSecretValueCommand({ SecretIdList: ['b/1', 'b/2', 'missing'] }));
    expect(res.SecretValues?.map((v) => v.SecretString)).toEqual(['one', 'two']);
    expect(res.Errors).toEqual([expect.objectContaining({ SecretId: 'missing', ErrorCode: 'ResourceNotFoundException' })]);
    const filtered = await sm.send(new BatchGetSecretValueCommand({ Filters: [{ Key: 'name', Values: ['b/'] }] }));
    expect(filtered.SecretValues).toHaveLength(2);
    expect(
      await errName(sm.send(new BatchGetSecretValueCommand({ SecretIdList: ['b/1'], Filters: [{ Key: 'name', Values: ['b/'] }] }))),
    ).toBe('InvalidParameterException');
  });

  it('rejects unknown access keys, wrong secret keys and unsigned requests', async () => {
    const stranger = new SecretsManagerClient({
      region: 'us-east-1',
      endpoint: sim.endpoint,
      credentials: { accessKeyId: 'EXAMPLEUNKNOWN000000000', secretAccessKey: 'x' },
      maxAttempts: 1,
    });
    const wrongSecret = new SecretsManagerClient({
      region: 'us-east-1',
      endpoint: sim.endpoint,
      credentials: { ...sim.credentials, secretAccessKey: 'wrong' },
      maxAttempts: 1,
    });
    try {
      expect(await errName(stranger.send(new ListSecretsCommand({})))).toBe('UnrecognizedClientException');
      expect(await errName(wrongSecret.send(new ListSecretsCommand({})))).toBe('InvalidSignatureException');
    } finally {
      stranger.destroy();
      wrongSecret.destroy();
    }
    const res = await fetch(sim.endpoint, {
      method: 'POST',
      headers: { 'x-amz-target': 'secretsmanager.ListSecrets', 'content-type': 'application/x-amz-json-1.1' },
      body: '{}',
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('x-amzn-errortype')).toMatch(/^MissingAuthenticationTokenException/);
    expect(await res.json()).toEqual({ __type: 'MissingAuthenticationTokenException', message: 'Missing Authentication Token' });
  });

  it('denies actions outside a key’s allow-list with AccessDeniedException', async () => {
    sim.addKey({
      accessKeyId: 'EXAMPLEREADONLY00000001',
      secretAccessKey: 'ro-secret',
      userName: 'reader',
      allow: ['ListSecrets', 'secretsmanager:DescribeSecret'],
    });
    const ro = new SecretsManagerClient({
      region: 'us-east-1',
      endpoint: sim.endpoint,
      credentials: { accessKeyId: 'EXAMPLEREADONLY00000001', secretAccessKey: 'ro-secret' },
      maxAttempts: 1,
    });
    try {
      sim.state.put('p', 'v');
      await ro.send(new ListSecretsCommand({}));
      await ro.send(new DescribeSecretCommand({ SecretId: 'p' }));
      const err = await ro.send(new GetSecretValueCommand({ SecretId: 'p' })).catch((e: Error) => e);
      expect((err as Error).name).toBe('AccessDeniedException');
      expect((err as Error).message).toContain('user/reader is not authorized to perform: secretsmanager:GetSecretValue');
    } finally {
      ro.destroy();
    }
  });

  it('needs GetSecretValue per secret for batch reads, and ListSecrets when filtering', async () => {
    sim.addKey({ accessKeyId: 'EXAMPLEBATCHONLY0000001', secretAccessKey: 'batch', allow: ['BatchGetSecretValue', 'GetSecretValue'] });
    const batch = new SecretsManagerClient({
      region: 'us-east-1',
      endpoint: sim.endpoint,
      credentials: { accessKeyId: 'EXAMPLEBATCHONLY0000001', secretAccessKey: 'batch' },
      maxAttempts: 1,
    });
    try {
      sim.state.put('q/1', 'one');
      expect((await batch.send(new BatchGetSecretValueCommand({ SecretIdList: ['q/1'] }))).SecretValues).toHaveLength(1);
      expect(await errName(batch.send(new BatchGetSecretValueCommand({ Filters: [{ Key: 'name', Values: ['q/'] }] })))).toBe(
        'AccessDeniedException',
      );
    } finally {
      batch.destroy();
    }
  });

  it('injects faults the SDK sees as AWS would send them', async () => {
    sim.state.put('f', 'v');
    sim.faults.inject('throttle', { op: 'GetSecretValue' });
    expect(await errName(sm.send(new GetSecretValueCommand({ SecretId: 'f' })))).toBe('ThrottlingException');
    sim.faults.inject('limit-exceeded');
    expect(await errName(sm.send(new PutSecretValueCommand({ SecretId: 'f', SecretString: 'v2' })))).toBe('LimitExceededException');
    sim.faults.inject('unavailable');
    const unavailable = await sm
      .send(new DescribeSecretCommand({ SecretId: 'f' }))
      .catch((e: { $metadata?: { httpStatusCode?: number } }) => e);
    expect((unavailable as { $metadata: { httpStatusCode: number } }).$metadata.httpStatusCode).toBe(503);
    sim.faults.inject('reset');
    expect(await errName(sm.send(new DescribeSecretCommand({ SecretId: 'f' })))).not.toBe('resolved');
    expect((await sm.send(new DescribeSecretCommand({ SecretId: 'f' }))).Name).toBe('f');
  });
});
