import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { Dispatcher } from 'undici';
import { createAwsRequestHandler, createSecretsManagerClient, type AwsLimiter } from '../aws';
import { createCacheApi, type CacheApi } from '../credentials-cache';
import { createDispatcher } from '../http';
import { SecretServerClient } from '../secret-server';
import { TokenBucket, type TokenBucketOptions } from '../shared/token-bucket';
import type { StoredProfile } from './profiles';
import { awsProfile, iamKeyReader, secretServerOf, secretServerProfile, secretsOf, transportOf, type Of } from './resolve';
import type { ProfileStore } from './store';

/**
 * Call rates. AWS quotas are per account and region (../shared/reference/aws-secrets-manager.md
 * §1.7): writes share 50/s, the lowest read quotas (ListSecrets, BatchGetSecretValue) are 100/s.
 * A bucket lets at most `burst + ratePerSecond` calls start in any second, so 10 + 40 and 10 + 90
 * stay under them. Secret Server publishes no limit; 20/s per profile keeps a sync from
 * crowding out the engines and users of an on-premises instance.
 */
export const RATE_LIMITS = {
  awsWrite: { ratePerSecond: 40, burst: 10 },
  awsRead: { ratePerSecond: 90, burst: 10 },
  secretServer: { ratePerSecond: 20, burst: 20 },
} as const satisfies Record<string, Omit<TokenBucketOptions, 'now' | 'sleep'>>;

/** Options of the pool (tests shorten the rates or the sign-out wait). */
export interface ClientPoolOptions {
  readonly limits?: Partial<Record<keyof typeof RATE_LIMITS, Omit<TokenBucketOptions, 'now' | 'sleep'>>>;
  /** How long a dropped Secret Server session may take to sign out (default 2 s); best effort. */
  readonly signOutTimeoutMs?: number;
}

/** What one profile's clients are built from, and the clients built so far (each once, on first use). */
interface Bundle {
  readonly version: string;
  /** Other profiles this bundle was built from (the Secret Server profile holding AWS keys). */
  readonly deps: readonly string[];
  dispatcher?: Promise<Dispatcher>;
  secretServer?: Promise<SecretServerClient>;
  aws?: Promise<SecretsManagerClient>;
  cache?: Promise<CacheApi>;
}

/**
 * The clients of every connection profile, built once and shared: one undici dispatcher, one
 * Secret Server client (one session: one sign-in, token refreshed as it ages) and one AWS SDK
 * client per profile. An entry is keyed by profile id and version (the stored profile and the
 * profiles it uses, which change on every edit); an edited or deleted profile's clients are
 * dropped and closed, and the next call builds new ones. Limiters are shared per Secret Server
 * profile and per AWS region and endpoint.
 */
export class ClientPool {
  private readonly bundles = new Map<string, Bundle>();
  private readonly ssLimiters = new Map<string, TokenBucket>();
  private readonly awsLimiters = new Map<string, AwsLimiter>();
  private readonly closing = new Set<Promise<void>>();

  constructor(
    private readonly store: ProfileStore,
    private readonly opts: ClientPoolOptions = {},
  ) {}

  /** The pooled dispatcher of a profile (its CA file and proxy). */
  dispatcher(p: StoredProfile): Promise<Dispatcher> {
    const b = this.bundle(p);
    return (b.dispatcher ??= this.settle(b, 'dispatcher', createDispatcher(transportOf(this.store, p))));
  }

  /** The pooled Secret Server client of a profile (by id or stored profile). */
  async secretServer(idOrProfile: string | StoredProfile): Promise<SecretServerClient> {
    const p = secretServerOf(this.store, idOrProfile);
    const b = this.bundle(p);
    return (b.secretServer ??= this.settle(
      b,
      'secretServer',
      this.dispatcher(p).then(
        (dispatcher) =>
          new SecretServerClient({
            profile: secretServerProfile(this.store, p),
            dispatcher,
            retry: { maxAttempts: 2 },
            limiter: this.ssLimiter(p.id),
          }),
      ),
    ));
  }

  /** The pooled AWS Secrets Manager client of a profile; keys kept in Secret Server are read through that profile's pooled client. */
  secretsManager(p: Of<'aws'>): Promise<SecretsManagerClient> {
    const b = this.bundle(p);
    return (b.aws ??= this.settle(
      b,
      'aws',
      (async () => {
        const { profile, keysFrom } = awsProfile(this.store, p);
        // The profile's extra CA and proxy apply to AWS as to every other backend.
        const requestHandler = await createAwsRequestHandler(transportOf(this.store, p));
        return createSecretsManagerClient(profile, {
          ...(requestHandler ? { requestHandler } : {}),
          ...(keysFrom !== undefined ? { readIamKey: iamKeyReader(() => this.secretServer(keysFrom)) } : {}),
          limiter: this.awsLimiter(p),
        });
      })(),
    ));
  }

  /** The pooled Credentials Cache API of an instance profile. */
  cacheApi(p: Of<'credentials-cache'>): Promise<CacheApi> {
    const b = this.bundle(p);
    return (b.cache ??= this.settle(
      b,
      'cache',
      this.dispatcher(p).then((d) => createCacheApi({ id: p.id, name: p.name, url: p.url }, d, () => secretsOf(this.store, p))),
    ));
  }

  /** The limiter of a Secret Server profile, shared by every client of it. */
  ssLimiter(profileId: string): TokenBucket {
    let l = this.ssLimiters.get(profileId);
    if (!l) this.ssLimiters.set(profileId, (l = new TokenBucket(this.opts.limits?.secretServer ?? RATE_LIMITS.secretServer)));
    return l;
  }

  /**
   * The read and write limiters of an AWS profile's account and region. The account behind a key
   * is unknown without an STS call, so profiles are grouped by region (and endpoint): profiles of
   * two accounts in one region share a budget, which is slower than needed but never over a quota.
   */
  awsLimiter(p: Of<'aws'>): AwsLimiter {
    const key = `${p.region}|${p.endpoint ?? ''}`;
    let l = this.awsLimiters.get(key);
    if (!l) {
      l = {
        read: new TokenBucket(this.opts.limits?.awsRead ?? RATE_LIMITS.awsRead),
        write: new TokenBucket(this.opts.limits?.awsWrite ?? RATE_LIMITS.awsWrite),
      };
      this.awsLimiters.set(key, l);
    }
    return l;
  }

  /** Drops and closes the clients of a profile and of the profiles built on it (after an edit or delete). */
  drop(profileId: string): Promise<void> {
    for (const [id, b] of this.bundles) if (id === profileId || b.deps.includes(profileId)) this.retire(id, b);
    if (!this.store.find(profileId)) this.ssLimiters.delete(profileId);
    return this.idle();
  }

  /** Resolves when every dropped client has been closed. */
  async idle(): Promise<void> {
    while (this.closing.size) await Promise.all([...this.closing]);
  }

  /** Closes every client (process end). */
  close(): Promise<void> {
    for (const [id, b] of this.bundles) this.retire(id, b);
    return this.idle();
  }

  private bundle(p: StoredProfile): Bundle {
    const deps = p.kind !== 'secret-server' && p.secretServerProfileId ? [p.secretServerProfileId] : [];
    // The stored profiles change on every edit (updatedAt), and credentials change only by an edit.
    const version = JSON.stringify([p, ...deps.map((id) => this.store.find(id) ?? null)]);
    const old = this.bundles.get(p.id);
    if (old?.version === version) return old;
    if (old) this.retire(p.id, old);
    const fresh: Bundle = { version, deps };
    this.bundles.set(p.id, fresh);
    return fresh;
  }

  // A client that failed to build (unreadable CA file, bad region) is not kept: the next call tries again.
  private settle<T>(b: Bundle, member: 'dispatcher' | 'secretServer' | 'aws' | 'cache', made: Promise<T>): Promise<T> {
    made.catch(() => {
      if (b[member] === made) delete b[member];
    });
    return made;
  }

  private retire(id: string, b: Bundle): void {
    if (this.bundles.get(id) === b) this.bundles.delete(id);
    const timeout = this.opts.signOutTimeoutMs ?? 2000;
    const closed = (async () => {
      // Sign out first (it needs the dispatcher), then close what holds sockets.
      const ss = await b.secretServer?.catch(() => undefined);
      await ss?.signOut(AbortSignal.timeout(timeout)).catch(() => undefined);
      (await b.aws?.catch(() => undefined))?.destroy();
      await (await b.dispatcher?.catch(() => undefined))?.close().catch(() => undefined);
    })();
    this.closing.add(closed);
    void closed.finally(() => this.closing.delete(closed));
  }
}
