/**
 * AWS Secrets Manager: a client per profile (static keys, a Secret Server "Amazon IAM Key"
 * secret, or the default chain), thin calls with errors mapped to the contract, and a
 * read-only permission probe.
 */
export {
  AWS_WRITE_OPERATIONS,
  createSecretsManagerClient,
  type AwsAccessKey,
  type AwsClientDeps,
  type AwsLimiter,
  type AwsCredentialSource,
  type AwsProfile,
  type IamKeyReader,
} from './client-factory';
export { codeForAwsError, toContractError, type AwsCallContext } from './errors';
export {
  MAX_SECRET_BYTES,
  checkClientRequestToken,
  checkSecretName,
  checkSecretValue,
  deriveClientRequestToken,
  type CallOptions,
} from './call';
export {
  batchGetSecretValues,
  describeSecret,
  getSecretValue,
  listAllSecrets,
  listSecretVersionIds,
  type BatchGetResult,
  type ListAllOptions,
} from './secrets-read';
export {
  createSecret,
  deleteSecret,
  putSecretValue,
  restoreSecret,
  tagSecret,
  updateSecretVersionStage,
  type CreateSecretInput,
  type DeleteMode,
  type TagMap,
} from './secrets-write';
export { createAwsRequestHandler, type AwsTransportOptions } from './request-handler';
export { SEED_004_ACTIONS, probeSecretsManagerPermissions, type PermissionResult, type ProbedAction } from './permission-probe';
