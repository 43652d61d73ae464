import { SecretsManagerClient, type SecretsManagerClientConfig } from '@aws-sdk/client-secrets-manager';
import type { FinalizeRequestMiddleware, MetadataBearer } from '@smithy/types';
import { ContractError } from '../../contract/errors';
import type { RateLimiter } from '../shared/token-bucket';
import { toContractError } from './errors';

/** An access key pair as stored in a profile or in a Secret Server "Amazon IAM Key" secret. */
export interface AwsAccessKey {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

/** Where a profile's credentials come from. */
export type AwsCredentialSource =
  | { readonly kind: 'static'; readonly key: AwsAccessKey }
  | { readonly kind: 'secret-server'; readonly secretId: number | string }
  | { readonly kind: 'default-chain' };

/** One AWS connection profile. */
export interface AwsProfile {
  readonly region: string;
  readonly credentials: AwsCredentialSource;
  /** Only for tests and the demo; never read from AWS_ENDPOINT_URL* or ~/.aws/config. */
  readonly endpoint?: string;
  /** Total attempts of the SDK's standard retry (default 3; 1 turns retries off). */
  readonly maxAttempts?: number;
  /** `adaptive` adds the SDK's client-side rate limiter; meant for bulk writers. */
  readonly retryMode?: 'standard' | 'adaptive';
}

/** Reads the key pair from a Secret Server "Amazon IAM Key" secret; supplied by the Secret Server client. */
export type IamKeyReader = (secretId: number | string) => Promise<AwsAccessKey>;

/** What the factory needs from the rest of main. */
export interface AwsClientDeps {
  readonly readIamKey?: IamKeyReader;
  /** How long keys read from Secret Server are trusted before being read again (default 15 min). */
  readonly keyTtlMs?: number;
  /** The profile's CA/proxy transport from `createAwsRequestHandler`; the SDK default otherwise. */
  readonly requestHandler?: SecretsManagerClientConfig['requestHandler'];
  /** Paces every attempt (retries included) against the account + region quotas; shared by the clients of a region. */
  readonly limiter?: AwsLimiter;
}

/** One limiter for the shared write quota and one for reads. */
export interface AwsLimiter {
  readonly read: RateLimiter;
  readonly write: RateLimiter;
}

/**
 * Operations that count against a write quota: PutSecretValue, UpdateSecret, UpdateSecretVersionStage
 * and replication share 50/s per account and region; the others listed have 50/s each, and
 * CreateSecret / DeleteSecret are not published, so all are paced by the one write limiter.
 */
export const AWS_WRITE_OPERATIONS: ReadonlySet<string> = new Set([
  'PutSecretValue',
  'UpdateSecret',
  'UpdateSecretVersionStage',
  'ReplicateSecretToRegions',
  'RemoveRegionsFromReplication',
  'StopReplicationToReplica',
  'CreateSecret',
  'DeleteSecret',
  'RestoreSecret',
  'RotateSecret',
  'CancelRotateSecret',
  'TagResource',
  'UntagResource',
  'PutResourcePolicy',
  'DeleteResourcePolicy',
]);

const KEY_TTL_MS = 15 * 60_000;
const REGION_RE = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;

/** Builds the SDK client for a profile. Keep one per profile: it holds the connection pool and retry quota. */
export function createSecretsManagerClient(profile: AwsProfile, deps: AwsClientDeps = {}): SecretsManagerClient {
  if (!REGION_RE.test(profile.region)) {
    throw new ContractError('VALIDATION', `"${profile.region}" is not an AWS region code (e.g. us-east-1, eu-west-2).`, {
      details: { field: 'region' },
    });
  }
  const config: SecretsManagerClientConfig = {
    region: profile.region,
    maxAttempts: profile.maxAttempts ?? 3,
    retryMode: profile.retryMode ?? 'standard',
    // A shell's AWS_ENDPOINT_URL must not silently redirect production traffic.
    ignoreConfiguredEndpointUrls: true,
    ...(profile.endpoint ? { endpoint: profile.endpoint } : {}),
    ...(deps.requestHandler ? { requestHandler: deps.requestHandler } : {}),
    ...credentialsFor(profile.credentials, deps),
  };
  const client = new SecretsManagerClient(config);
  // The SDK retries LimitExceededException as throttling; for Secrets Manager it means a quota
  // (e.g. versions per secret) is full, so fail at once. Placed inside the retry loop.
  const noRetryOnQuota: FinalizeRequestMiddleware<object, MetadataBearer> = (next, context) => async (args) => {
    try {
      return await next(args);
    } catch (err) {
      if ((err as { name?: string } | null)?.name === 'LimitExceededException') {
        const operation = context.commandName?.replace(/Command$/, '');
        throw toContractError(err, { ...(operation ? { operation } : {}), ...(profile.endpoint ? { endpoint: profile.endpoint } : {}) });
      }
      throw err;
    }
  };
  client.middlewareStack.addRelativeTo(noRetryOnQuota, {
    relation: 'after',
    toMiddleware: 'retryMiddleware',
    name: 'engineConsoleNoRetryOnQuota',
  });
  const limiter = deps.limiter;
  if (limiter) {
    // Inside the retry loop, so a retried attempt waits for a token like a first one.
    const paced: FinalizeRequestMiddleware<object, MetadataBearer> = (next, context) => async (args) => {
      const operation = context.commandName?.replace(/Command$/, '') ?? '';
      await (AWS_WRITE_OPERATIONS.has(operation) ? limiter.write : limiter.read).take();
      return next(args);
    };
    client.middlewareStack.addRelativeTo(paced, { relation: 'after', toMiddleware: 'retryMiddleware', name: 'engineConsoleRateLimit' });
  }
  return client;
}

function credentialsFor(source: AwsCredentialSource, deps: AwsClientDeps): Pick<SecretsManagerClientConfig, 'credentials'> {
  switch (source.kind) {
    case 'static':
      return { credentials: { ...source.key } };
    case 'secret-server': {
      const read = deps.readIamKey;
      const ttl = deps.keyTtlMs ?? KEY_TTL_MS;
      return {
        // The SDK memoizes this provider and calls it again once `expiration` passes, so a rotated key is picked up.
        credentials: async () => {
          if (!read)
            throw new ContractError(
              'UNAUTHENTICATED',
              'This AWS profile reads its keys from Secret Server, but no Secret Server connection is available.',
            );
          const key = await read(source.secretId);
          return { ...key, expiration: new Date(Date.now() + ttl) };
        },
      };
    }
    case 'default-chain':
      return {};
    default: {
      const never: never = source;
      throw new Error(`Unknown credential source ${JSON.stringify(never)}`);
    }
  }
}
