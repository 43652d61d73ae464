import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSecretsManagerClient, createSecret, deriveClientRequestToken, listAllSecrets, putSecretValue } from '../../../main/aws';
import { SecretServerClient } from '../../../main/secret-server/client';
import { getCurrentUser } from '../../../main/secret-server/identity';
import type { RateLimiter } from '../../../main/shared/token-bucket';
import { startAwsSecretsManagerSimulator, type AwsSimulator } from '../../../simulators/aws-secrets-manager';
import { startSecretServerSimulator, type SecretServerSimulator } from '../../../simulators/secret-server';

const counting = (): RateLimiter & { taken: number } => ({
  taken: 0,
  async take() {
    this.taken++;
  },
});

describe('limiters are consulted on every call', () => {
  let ss: SecretServerSimulator;
  let aws: AwsSimulator;
  beforeAll(async () => {
    [ss, aws] = await Promise.all([startSecretServerSimulator(), startAwsSecretsManagerSimulator()]);
  });
  afterAll(async () => {
    await Promise.all([ss?.close(), aws?.close()]);
  });

  it('a Secret Server client takes one token per API call (not for signing in)', async () => {
    const limiter = counting();
    const client = new SecretServerClient({
      profile: { baseUrl: ss.url, username: ss.seed!.adminUserName, password: ss.seed!.adminPassword },
      limiter,
    });
    for (let i = 0; i < 5; i++) await getCurrentUser(client);
    expect(limiter.taken).toBe(5);
    await client.signOut();
  });

  it('an AWS client takes reads from the read limiter and writes from the write limiter', async () => {
    const limiter = { read: counting(), write: counting() };
    const client = createSecretsManagerClient(
      { region: aws.region, endpoint: aws.endpoint, credentials: { kind: 'static', key: aws.credentials }, maxAttempts: 1 },
      { limiter },
    );
    await createSecret(client, { name: 'limited/one', value: 'v1' });
    await putSecretValue(client, 'limited/one', 'v2', { clientRequestToken: deriveClientRequestToken('limited/one', 'v2') });
    await listAllSecrets(client);
    expect(limiter.write.taken).toBe(2);
    expect(limiter.read.taken).toBeGreaterThanOrEqual(1);
    client.destroy();
  });
});
