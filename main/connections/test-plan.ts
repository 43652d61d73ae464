import type { Dispatcher } from 'undici';
import { createAwsRequestHandler, createSecretsManagerClient } from '../aws';
import { createCacheApi } from '../credentials-cache';
import { createDispatcher } from '../http';
import { SecretServerClient, getCurrentUser, type SecretServerProfile } from '../secret-server';
import type { ClientPool } from './clients';
import { awsPlan } from './diagnostics/aws';
import { credentialsCachePlan } from './diagnostics/credentials-cache';
import { secretServerPlan } from './diagnostics/secret-server';
import type { StagePlan } from './diagnostics/stage';
import { assertNever, secretKeys, type StoredProfile } from './profiles';
import { awsProfile, cacheTokenCredentials, iamKeyReader, secretServerProfile, secretsOf, transportOf } from './resolve';
import type { ProfileStore } from './store';

/** Clients made for one Test connection, closed when it ends. */
export class TestScope {
  private readonly closers: Array<() => unknown> = [];

  /** Registers `value` to be closed with `close` at the end of the test; returns it. */
  own<T>(value: T, close: (v: T) => unknown): T {
    this.closers.push(() => close(value));
    return value;
  }

  /** Closes everything owned, last first (a session signs out before its dispatcher closes); failures are ignored. */
  async close(): Promise<void> {
    for (const c of this.closers.splice(0).reverse())
      await Promise.resolve()
        .then(c)
        .catch(() => undefined);
  }
}

/**
 * The staged diagnostics of a profile. Test connection deliberately builds FRESH clients, not
 * the pooled ones: a pooled session that signed in an hour ago would pass "authentication"
 * without the password being tried now, and a pooled dispatcher would not re-read an edited CA
 * file. Only reading AWS keys kept in Secret Server goes through the pool (that reads a secret,
 * it does not test the Secret Server sign-in).
 */
export function testPlan(store: ProfileStore, pool: ClientPool, p: StoredProfile, scope: TestScope): StagePlan[] {
  const transport = transportOf(store, p);
  const dispatcher = async (): Promise<Dispatcher> => scope.own(await createDispatcher(transport), (d) => d.close());
  const ssClient = async (profile: SecretServerProfile, attempts: number) =>
    scope.own(new SecretServerClient({ profile, dispatcher: await dispatcher(), retry: { maxAttempts: attempts } }), (c) => c.signOut());
  const kind = p.kind;
  switch (kind) {
    case 'secret-server':
      return secretServerPlan({ ...p, ...transport, client: () => ssClient(secretServerProfile(store, p), 2) });
    case 'aws': {
      const keyId = store.secret(secretKeys.accessKeyId(p.id));
      const label =
        p.credentialSource === 'static'
          ? `access key …${keyId?.slice(-4) ?? '????'}`
          : p.credentialSource === 'secret-server'
            ? `the Amazon IAM Key secret ${p.secretId ?? '?'} in Secret Server`
            : 'the default credential provider chain';
      return awsPlan({
        region: p.region,
        ...(p.endpoint ? { endpoint: p.endpoint } : {}),
        ...transport,
        credentialsLabel: label,
        client: async () => {
          const { profile, keysFrom } = awsProfile(store, p);
          const requestHandler = await createAwsRequestHandler(transport);
          const deps = { ...(requestHandler ? { requestHandler } : {}), limiter: pool.awsLimiter(p) };
          // Read keys kept in Secret Server up front so a failure is reported as such, not as an AWS denial.
          const resolved =
            keysFrom !== undefined
              ? {
                  ...profile,
                  credentials: { kind: 'static' as const, key: await iamKeyReader(() => pool.secretServer(keysFrom))(p.secretId ?? 0) },
                }
              : profile;
          return scope.own(createSecretsManagerClient(resolved, deps), (c) => c.destroy());
        },
      });
    }
    case 'credentials-cache': {
      const creds = cacheTokenCredentials(store, p);
      const ss = p.secretServerProfileId ? store.find(p.secretServerProfileId) : undefined;
      return credentialsCachePlan({
        url: p.url,
        ...transport,
        ...(creds ? { creds } : {}),
        api: async () => createCacheApi({ id: p.id, name: p.name, url: p.url }, await dispatcher(), () => secretsOf(store, p)),
        ...(creds && ss
          ? {
              viewSecretCheck: async (signal: AbortSignal) => {
                const client = scope.own(
                  new SecretServerClient({
                    profile: { ...creds, domain: creds.domain || undefined },
                    dispatcher: scope.own(await createDispatcher(transportOf(store, ss)), (d) => d.close()),
                    retry: { maxAttempts: 1 },
                  }),
                  (c) => c.signOut(),
                );
                const me = await getCurrentUser(client, signal);
                return (me.permissions ?? []).some((x) => String(x.name ?? '').toLowerCase() === 'view secret');
              },
            }
          : {}),
      });
    }
    default:
      return assertNever(kind);
  }
}
