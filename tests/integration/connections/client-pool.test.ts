import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ListSecretsCommand } from '@aws-sdk/client-secrets-manager';
import type { Agent } from 'undici';
import { closeServices } from '../../../main/app/services';
import { getCurrentUser } from '../../../main/secret-server/identity';
import { startAwsSecretsManagerSimulator, type AwsSimulator } from '../../../simulators/aws-secrets-manager';
import { startSecretServerSimulator, type SecretServerSimulator } from '../../../simulators/secret-server';
import { rejection } from '../../support/contract-error';
import { testServices } from '../../unit/foundation/helpers';

describe('pooled clients against the simulators', () => {
  let ss: SecretServerSimulator;
  let aws: AwsSimulator;
  let rig: ReturnType<typeof testServices>;
  const grants = () => ss.state.stats.passwordGrants;

  beforeAll(async () => {
    [ss, aws] = await Promise.all([startSecretServerSimulator(), startAwsSecretsManagerSimulator()]);
    rig = testServices();
  });
  afterAll(async () => {
    await closeServices(rig.services);
    await Promise.all([ss?.close(), aws?.close()]);
  });

  const ssInput = (name: string) => ({
    kind: 'secret-server' as const,
    name,
    baseUrl: ss.url,
    username: ss.seed!.adminUserName,
    password: ss.seed!.adminPassword,
  });

  it('one Secret Server sign-in serves many calls, concurrent and one after another', async () => {
    const { id } = rig.services.connections.create(ssInput('SS many'));
    const before = grants();
    const concurrent = await Promise.all(Array.from({ length: 8 }, () => rig.services.clients.secretServer(id)));
    expect(new Set(concurrent).size).toBe(1);
    await Promise.all(concurrent.map((c) => getCurrentUser(c)));
    for (let i = 0; i < 12; i++) await getCurrentUser(await rig.services.clients.secretServer(id));
    expect(grants() - before).toBe(1);
  });

  it('a profile edit drops its pooled client (signed out, dispatcher closed); the next call signs in anew', async () => {
    const { id } = rig.services.connections.create(ssInput('SS edit'));
    const pool = rig.services.clients;
    const old = await pool.secretServer(id);
    await getCurrentUser(old);
    const oldDispatcher = (await pool.dispatcher(rig.services.connections.store.get(id))) as Agent;
    const [grantsBefore, expirationsBefore] = [grants(), ss.state.stats.expirations];

    const { password: _kept, ...edit } = ssInput('SS edited');
    expect(await rig.router.dispatch('connections:update', { id, profile: edit })).toMatchObject({ ok: true });
    await pool.idle();
    expect(oldDispatcher.closed).toBe(true);
    expect(ss.state.stats.expirations).toBe(expirationsBefore + 1);

    const fresh = await pool.secretServer(id);
    expect(fresh).not.toBe(old);
    await getCurrentUser(fresh);
    await getCurrentUser(fresh);
    expect(grants()).toBe(grantsBefore + 1);
  });

  it('a deleted profile drops and closes its client; asking for it again is NOT_FOUND', async () => {
    const { id } = rig.services.connections.create(ssInput('SS delete'));
    const pool = rig.services.clients;
    await getCurrentUser(await pool.secretServer(id));
    const dispatcher = (await pool.dispatcher(rig.services.connections.store.get(id))) as Agent;
    expect(await rig.router.dispatch('connections:delete', { id })).toMatchObject({ ok: true, result: { deleted: true } });
    await pool.idle();
    expect(dispatcher.closed).toBe(true);
    expect((await rejection(pool.secretServer(id))).code).toBe('NOT_FOUND');
  });

  it('an AWS client reading its keys from Secret Server is pooled, and rebuilt when that Secret Server profile changes', async () => {
    const seed = ss.seed!;
    const iam = ss.state.addSecret('AWS key for the pool test', {
      templateId: seed.amazonIamKeyTemplateId,
      folderId: seed.rootFolderId,
      values: { Username: 'sync', 'Access Key': aws.credentials.accessKeyId, 'Secret Key': aws.credentials.secretAccessKey },
    });
    const ssProfile = rig.services.connections.create(ssInput('SS holds AWS keys'));
    const awsProfile = rig.services.connections.create({
      kind: 'aws',
      name: 'AWS via SS',
      region: aws.region,
      endpoint: aws.endpoint,
      credentialSource: 'secret-server',
      secretServerProfileId: ssProfile.id,
      secretId: iam.id,
    });
    const stored = () =>
      rig.services.connections.store.get(awsProfile.id) as Extract<ReturnType<typeof rig.services.connections.store.get>, { kind: 'aws' }>;
    const pool = rig.services.clients;
    const first = await pool.secretsManager(stored());
    expect(await pool.secretsManager(stored())).toBe(first);
    const before = grants();
    await first.send(new ListSecretsCommand({}));
    await first.send(new ListSecretsCommand({}));
    expect(grants() - before).toBe(1);

    const { password: _kept, ...edit } = ssInput('SS holds AWS keys (renamed)');
    rig.services.connections.update(ssProfile.id, edit);
    await pool.idle();
    const second = await pool.secretsManager(stored());
    expect(second).not.toBe(first);
    await second.send(new ListSecretsCommand({}));
  });
});
