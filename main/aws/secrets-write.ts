import {
  CreateSecretCommand,
  DeleteSecretCommand,
  PutSecretValueCommand,
  RestoreSecretCommand,
  TagResourceCommand,
  UpdateSecretVersionStageCommand,
  type CreateSecretCommandOutput,
  type DeleteSecretCommandOutput,
  type PutSecretValueCommandOutput,
  type RestoreSecretCommandOutput,
  type SecretsManagerClient,
  type UpdateSecretVersionStageCommandOutput,
} from '@aws-sdk/client-secrets-manager';
import { ContractError } from '../../contract/errors';
import { call, checkClientRequestToken, checkSecretName, checkSecretValue, type CallOptions } from './call';

/** Tags as a plain map; AWS keys are case-sensitive. */
export type TagMap = Readonly<Record<string, string>>;

const toTags = (tags: TagMap): { Key: string; Value: string }[] => Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));

/** Input of `createSecret`. */
export interface CreateSecretInput {
  readonly name: string;
  readonly value?: string | Uint8Array;
  readonly description?: string;
  readonly kmsKeyId?: string;
  /** Note: CreateSecret with tags also needs secretsmanager:TagResource. */
  readonly tags?: TagMap;
  /** Becomes the first VersionId; pass a derived one so a retried create is a no-op. */
  readonly clientRequestToken?: string;
}

/** CreateSecret (value optional; a value gets AWSCURRENT). */
export async function createSecret(
  client: SecretsManagerClient,
  input: CreateSecretInput,
  opts: CallOptions = {},
): Promise<CreateSecretCommandOutput> {
  checkSecretName(input.name);
  if (input.clientRequestToken) checkClientRequestToken(input.clientRequestToken);
  const cmd = new CreateSecretCommand({
    Name: input.name,
    ...(input.value !== undefined ? checkSecretValue(input.value) : {}),
    ...(input.description !== undefined ? { Description: input.description } : {}),
    ...(input.kmsKeyId !== undefined ? { KmsKeyId: input.kmsKeyId } : {}),
    ...(input.tags && Object.keys(input.tags).length ? { Tags: toTags(input.tags) } : {}),
    ...(input.clientRequestToken ? { ClientRequestToken: input.clientRequestToken } : {}),
  });
  return call(client, { operation: 'CreateSecret', secretId: input.name }, opts, (o) => client.send(cmd, o));
}

/**
 * PutSecretValue with an explicit ClientRequestToken: the same token and value is a no-op
 * (no duplicate version on retry); the same token with another value is a CONFLICT.
 * Without `versionStages` the new version becomes AWSCURRENT.
 */
export async function putSecretValue(
  client: SecretsManagerClient,
  secretId: string,
  value: string | Uint8Array,
  opts: CallOptions & { clientRequestToken: string; versionStages?: readonly string[] },
): Promise<PutSecretValueCommandOutput> {
  checkClientRequestToken(opts.clientRequestToken);
  const cmd = new PutSecretValueCommand({
    SecretId: secretId,
    ClientRequestToken: opts.clientRequestToken,
    ...checkSecretValue(value),
    ...(opts.versionStages ? { VersionStages: [...opts.versionStages] } : {}),
  });
  return call(client, { operation: 'PutSecretValue', secretId }, opts, (o) => client.send(cmd, o));
}

/** UpdateSecretVersionStage: moves `stage` to `moveTo`; `removeFrom` must name the version holding it now. */
export function updateSecretVersionStage(
  client: SecretsManagerClient,
  secretId: string,
  stage: string,
  opts: CallOptions & { moveTo?: string; removeFrom?: string },
): Promise<UpdateSecretVersionStageCommandOutput> {
  const cmd = new UpdateSecretVersionStageCommand({
    SecretId: secretId,
    VersionStage: stage,
    ...(opts.moveTo ? { MoveToVersionId: opts.moveTo } : {}),
    ...(opts.removeFrom ? { RemoveFromVersionId: opts.removeFrom } : {}),
  });
  return call(client, { operation: 'UpdateSecretVersionStage', secretId }, opts, (o) => client.send(cmd, o));
}

/** TagResource: adds tags or overwrites the values of existing keys. */
export async function tagSecret(client: SecretsManagerClient, secretId: string, tags: TagMap, opts: CallOptions = {}): Promise<void> {
  await call(client, { operation: 'TagResource', secretId }, opts, (o) =>
    client.send(new TagResourceCommand({ SecretId: secretId, Tags: toTags(tags) }), o),
  );
}

/** How to delete: a recovery window of 7–30 days (default 30), or at once without recovery. */
export type DeleteMode = { readonly recoveryWindowInDays?: number; readonly force?: false } | { readonly force: true };

/** DeleteSecret; only ever called when the user asked for deletion in this run. */
export async function deleteSecret(
  client: SecretsManagerClient,
  secretId: string,
  mode: DeleteMode = {},
  opts: CallOptions = {},
): Promise<DeleteSecretCommandOutput> {
  let input: ConstructorParameters<typeof DeleteSecretCommand>[0];
  if (mode.force) {
    input = { SecretId: secretId, ForceDeleteWithoutRecovery: true };
  } else {
    const days = mode.recoveryWindowInDays;
    if (days !== undefined && (!Number.isInteger(days) || days < 7 || days > 30)) {
      throw new ContractError('VALIDATION', `The recovery window must be 7–30 days (got ${days}).`, {
        details: { field: 'recoveryWindowInDays' },
      });
    }
    input = { SecretId: secretId, ...(days !== undefined ? { RecoveryWindowInDays: days } : {}) };
  }
  return call(client, { operation: 'DeleteSecret', secretId }, opts, (o) => client.send(new DeleteSecretCommand(input), o));
}

/** RestoreSecret: cancels a scheduled deletion (needs secretsmanager:RestoreSecret, not in the seed policy). */
export function restoreSecret(client: SecretsManagerClient, secretId: string, opts: CallOptions = {}): Promise<RestoreSecretCommandOutput> {
  return call(client, { operation: 'RestoreSecret', secretId }, opts, (o) =>
    client.send(new RestoreSecretCommand({ SecretId: secretId }), o),
  );
}
