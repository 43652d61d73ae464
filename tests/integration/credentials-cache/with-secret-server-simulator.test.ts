import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent } from 'undici';
import { createCacheApi, getToken, refreshSecretEverywhere, secretChanged } from '../../../main/credentials-cache';
import { createHttpClient } from '../../../main/http';
import { startCredentialsCacheSimulator, type CredentialsCacheSimulator } from '../../../simulators/credentials-cache';
import { startSecretServerSimulator, type SecretServerSimulator } from '../../../simulators/secret-server';

// The cache double talks to the Secret Server double only through the vendor API (/oauth2/token, /api/v1/secrets/{id}).
let ss: SecretServerSimulator;
let cache: CredentialsCacheSimulator;
let secretId: number;

beforeAll(async () => {
  ss = await startSecretServerSimulator();
  const seed = ss.seed!;
  secretId = ss.state.addSecret('db-prod-sa', {
    templateId: seed.passwordTemplateId,
    folderId: seed.rootFolderId,
    values: { Password: 'x-Very-Secret-1' },
  }).id;
  cache = await startCredentialsCacheSimulator({ basePath: '/DelineaCredCache' });
});
afterAll(async () => {
  await cache.close();
  await ss.close();
});

describe('Credentials Cache simulator with the Secret Server simulator upstream', () => {
  it('logs in upstream under the /SecretServer base path and refreshes a real secret', async () => {
    const http = createHttpClient({ sleep: async () => undefined });
    const instance = { id: 'e1', name: 'engine01', url: cache.url };
    const creds = { username: ss.seed!.adminUserName, password: ss.seed!.adminPassword, baseUrl: ss.url };
    const token = await getToken(http, instance, creds);
    expect(await secretChanged(http, instance, token, secretId)).toBe(202);
    const done = await cache.waitForRefresh(String(secretId));
    expect(done).toMatchObject({ ok: true });
    expect(cache.cached(String(secretId))).toMatchObject({ id: secretId, name: 'db-prod-sa' });
  });

  it('reports an unknown secret as a failed background refresh while the call itself is accepted', async () => {
    const dispatcher = new Agent();
    const instance = { id: 'e1', name: 'engine01', url: cache.url };
    const results = await refreshSecretEverywhere(
      [
        {
          instance,
          api: () => createCacheApi(instance, dispatcher),
          credentials: { username: ss.seed!.adminUserName, password: ss.seed!.adminPassword, baseUrl: ss.url },
        },
      ],
      987654,
    );
    await dispatcher.close();
    expect(results[0]?.ok).toBe(true);
    const done = await cache.waitForRefresh('987654');
    expect(done.ok).toBe(false);
  });
});
