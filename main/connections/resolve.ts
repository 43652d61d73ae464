import { ContractError } from '../../contract/errors';
import type { AwsProfile, AwsAccessKey, IamKeyReader } from '../aws';
import type { DispatcherOptions } from '../http';
import { getSecret, type SecretServerClient, type SecretServerProfile } from '../secret-server';
import { secretKeys, type StoredProfile } from './profiles';
import type { ProfileStore } from './store';

/** The stored profile of one kind. */
export type Of<K extends StoredProfile['kind']> = Extract<StoredProfile, { kind: K }>;

/** The profile's CA file and proxy (with its credentials from the secret store), as the HTTP layer wants them. */
export function transportOf(store: ProfileStore, p: StoredProfile): DispatcherOptions {
  const password = p.proxyUrl ? store.secret(secretKeys.proxyPassword(p.id)) : undefined;
  const auth =
    p.proxyUrl && (p.proxyUsername || password) ? { proxyAuth: { username: p.proxyUsername ?? '', password: password ?? '' } } : {};
  return { ...(p.caFile ? { caFile: p.caFile } : {}), ...(p.proxyUrl ? { proxyUrl: p.proxyUrl } : {}), ...auth };
}

/** A Secret Server profile with its password, ready for the client. */
export function secretServerProfile(store: ProfileStore, p: Of<'secret-server'>): SecretServerProfile {
  return {
    baseUrl: p.baseUrl,
    username: p.username,
    password: store.secret(secretKeys.password(p.id)) ?? '',
    ...(p.domain ? { domain: p.domain } : {}),
  };
}

/** The stored Secret Server profile `id`; VALIDATION naming `field` when it is another kind. */
export function secretServerOf(
  store: ProfileStore,
  idOrProfile: string | StoredProfile,
  field = 'secretServerProfileId',
): Of<'secret-server'> {
  const p = typeof idOrProfile === 'string' ? store.get(idOrProfile) : idOrProfile;
  if (p.kind !== 'secret-server')
    throw new ContractError('VALIDATION', `Profile "${p.name}" is not a Secret Server profile.`, { details: { field } });
  return p;
}

/** Reads "Amazon IAM Key" fields (`access-key`, `secret-key`) from a secret through a Secret Server client. */
export function iamKeyReader(client: () => Promise<SecretServerClient>): IamKeyReader {
  return async (secretId: number | string): Promise<AwsAccessKey> => {
    const secret = await getSecret(await client(), Number(secretId));
    const value = (...slugs: string[]) => secret.items?.find((i) => slugs.includes(String(i.slug ?? '').toLowerCase()))?.itemValue ?? '';
    const accessKeyId = value('access-key', 'accesskey', 'access-key-id');
    const secretAccessKey = value('secret-key', 'secretkey', 'secret-access-key');
    if (!accessKeyId || !secretAccessKey) {
      throw new ContractError(
        'VALIDATION',
        `Secret ${secretId} has no Access Key / Secret Key fields — is it on the "Amazon IAM Key" template?`,
        { details: { field: 'secretId' } },
      );
    }
    return { accessKeyId, secretAccessKey };
  };
}

/** An AWS profile for the client factory, plus the Secret Server profile that holds its keys, if any. */
export function awsProfile(store: ProfileStore, p: Of<'aws'>): { profile: AwsProfile; keysFrom?: string } {
  const base = { region: p.region, ...(p.endpoint ? { endpoint: p.endpoint } : {}), maxAttempts: 1 };
  switch (p.credentialSource) {
    case 'static':
      return {
        profile: {
          ...base,
          credentials: {
            kind: 'static',
            key: {
              accessKeyId: store.secret(secretKeys.accessKeyId(p.id)) ?? '',
              secretAccessKey: store.secret(secretKeys.secretAccessKey(p.id)) ?? '',
            },
          },
        },
      };
    case 'secret-server':
      return {
        profile: { ...base, credentials: { kind: 'secret-server', secretId: p.secretId ?? 0 } },
        keysFrom: p.secretServerProfileId ?? '',
      };
    case 'default-chain':
      return { profile: { ...base, credentials: { kind: 'default-chain' } } };
    default: {
      const never: never = p.credentialSource;
      throw new Error(`Unknown credential source ${String(never)}`);
    }
  }
}

/** What a Credentials Cache `/api/token` call sends, resolved from the instance and its Secret Server profile. */
export interface CacheTokenCredentials {
  readonly baseUrl: string;
  readonly username: string;
  readonly password: string;
  readonly domain: string;
}

/** The token credentials of a cache instance: its own account if set, else its Secret Server profile's. */
export function cacheTokenCredentials(store: ProfileStore, p: Of<'credentials-cache'>): CacheTokenCredentials | undefined {
  const ss = p.secretServerProfileId ? store.find(p.secretServerProfileId) : undefined;
  if (!ss || ss.kind !== 'secret-server') return undefined;
  if (p.username)
    return { baseUrl: ss.baseUrl, username: p.username, password: store.secret(secretKeys.password(p.id)) ?? '', domain: p.domain ?? '' };
  return { baseUrl: ss.baseUrl, username: ss.username, password: store.secret(secretKeys.password(ss.id)) ?? '', domain: ss.domain ?? '' };
}

/** Every credential of a profile (and the profiles it uses), to scrub from messages. */
export function secretsOf(store: ProfileStore, p: StoredProfile): string[] {
  const ids = [p.id, ...(p.kind !== 'secret-server' && p.secretServerProfileId ? [p.secretServerProfileId] : [])];
  return ids.flatMap((id) => secretKeys.all(id).map((k) => store.secret(k) ?? '')).filter((v) => v.length >= 4);
}
