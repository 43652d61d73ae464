import {
  BatchGetSecretValueCommand,
  DescribeSecretCommand,
  GetSecretValueCommand,
  ListSecretVersionIdsCommand,
  ListSecretsCommand,
  type BatchGetSecretValueCommandOutput,
  type DescribeSecretCommandOutput,
  type Filter,
  type GetSecretValueCommandOutput,
  type ListSecretVersionIdsCommandOutput,
  type ListSecretsCommandOutput,
  type SecretListEntry,
  type SecretValueEntry,
  type SecretVersionsListEntry,
  type SecretsManagerClient,
  type APIErrorType,
} from '@aws-sdk/client-secrets-manager';
import { ContractError } from '../../contract/errors';
import { call, type CallOptions } from './call';

/** Options of `listAllSecrets`. */
export interface ListAllOptions extends CallOptions {
  readonly filters?: readonly Filter[];
  readonly includePlannedDeletion?: boolean;
  /** MaxResults per page (1–100, default 100). */
  readonly pageSize?: number;
  readonly sortBy?: 'created-date' | 'last-accessed-date' | 'last-changed-date' | 'name';
  readonly sortOrder?: 'asc' | 'desc';
  /** Called after each page with the running count, for progress. */
  readonly onPage?: (fetched: number) => void;
}

// A safety stop against a server that never stops handing out NextTokens.
const MAX_PAGES = 100_000;

/** Lists every secret, following NextToken through empty pages until it is absent. */
export async function listAllSecrets(client: SecretsManagerClient, opts: ListAllOptions = {}): Promise<SecretListEntry[]> {
  const out: SecretListEntry[] = [];
  let token: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const res: ListSecretsCommandOutput = await call(client, { operation: 'ListSecrets' }, opts, (o) =>
      client.send(
        new ListSecretsCommand({
          MaxResults: opts.pageSize ?? 100,
          ...(opts.filters?.length ? { Filters: [...opts.filters] } : {}),
          ...(opts.includePlannedDeletion ? { IncludePlannedDeletion: true } : {}),
          ...(opts.sortBy ? { SortBy: opts.sortBy } : {}),
          ...(opts.sortOrder ? { SortOrder: opts.sortOrder } : {}),
          ...(token ? { NextToken: token } : {}),
        }),
        o,
      ),
    );
    out.push(...(res.SecretList ?? []));
    opts.onPage?.(out.length);
    token = res.NextToken;
    if (!token) return out;
  }
  throw new ContractError('BAD_RESPONSE', `ListSecrets kept returning a NextToken after ${MAX_PAGES} pages.`);
}

/** DescribeSecret: metadata, tags, VersionIdsToStages and DeletedDate when scheduled for deletion. */
export function describeSecret(
  client: SecretsManagerClient,
  secretId: string,
  opts: CallOptions = {},
): Promise<DescribeSecretCommandOutput> {
  return call(client, { operation: 'DescribeSecret', secretId }, opts, (o) =>
    client.send(new DescribeSecretCommand({ SecretId: secretId }), o),
  );
}

/** GetSecretValue of AWSCURRENT, or of the given version / stage. */
export function getSecretValue(
  client: SecretsManagerClient,
  secretId: string,
  opts: CallOptions & { versionId?: string; versionStage?: string } = {},
): Promise<GetSecretValueCommandOutput> {
  const input = {
    SecretId: secretId,
    ...(opts.versionId ? { VersionId: opts.versionId } : {}),
    ...(opts.versionStage ? { VersionStage: opts.versionStage } : {}),
  };
  return call(client, { operation: 'GetSecretValue', secretId }, opts, (o) => client.send(new GetSecretValueCommand(input), o));
}

/** Result of a batch read: values and the per-secret errors AWS returns instead of throwing. */
export interface BatchGetResult {
  readonly values: SecretValueEntry[];
  readonly errors: APIErrorType[];
}

/** BatchGetSecretValue by id, 20 ids per call (the API's maximum). */
export async function batchGetSecretValues(
  client: SecretsManagerClient,
  secretIds: readonly string[],
  opts: CallOptions = {},
): Promise<BatchGetResult> {
  const values: SecretValueEntry[] = [];
  const errors: APIErrorType[] = [];
  for (let i = 0; i < secretIds.length; i += 20) {
    const chunk = secretIds.slice(i, i + 20);
    const res: BatchGetSecretValueCommandOutput = await call(client, { operation: 'BatchGetSecretValue' }, opts, (o) =>
      client.send(new BatchGetSecretValueCommand({ SecretIdList: chunk }), o),
    );
    values.push(...(res.SecretValues ?? []));
    errors.push(...(res.Errors ?? []));
  }
  return { values, errors };
}

/** Every version id of a secret with its stages (deprecated ones too when asked), across pages. */
export async function listSecretVersionIds(
  client: SecretsManagerClient,
  secretId: string,
  opts: CallOptions & { includeDeprecated?: boolean } = {},
): Promise<SecretVersionsListEntry[]> {
  const out: SecretVersionsListEntry[] = [];
  let token: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const input = {
      SecretId: secretId,
      ...(opts.includeDeprecated ? { IncludeDeprecated: true } : {}),
      ...(token ? { NextToken: token } : {}),
    };
    const res: ListSecretVersionIdsCommandOutput = await call(client, { operation: 'ListSecretVersionIds', secretId }, opts, (o) =>
      client.send(new ListSecretVersionIdsCommand(input), o),
    );
    out.push(...(res.Versions ?? []));
    token = res.NextToken;
    if (!token) return out;
  }
  throw new ContractError('BAD_RESPONSE', `ListSecretVersionIds kept returning a NextToken after ${MAX_PAGES} pages.`);
}
