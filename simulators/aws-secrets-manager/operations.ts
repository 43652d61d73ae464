import { SimError, invalidParameter, notFound, validation } from './errors';
import { decodeToken, encodeToken, matches, readFilters, scanPage, sortSecrets } from './listing';
import type { SecretRecord, SecretsState } from './state';
import { checkToken, optInt, optString, readTags, readValue, reqString } from './validate';
import { AWSCURRENT, holderOf, type VersionRecord } from './versions';

/** What an operation may ask of the server beyond the state: per-secret authorization and fault switches. */
export interface OpContext {
  readonly state: SecretsState;
  /** Throws AccessDeniedException when the caller may not run `op` on `secretId`. */
  readonly authorize: (op: string, secretId: string) => void;
  /** True when an armed `empty-page` fault should answer this ListSecrets page. */
  readonly emptyPage: () => boolean;
}

type Input = Record<string, unknown>;
type Op = (input: Input, ctx: OpContext) => Record<string, unknown>;

const epoch = (d: Date | undefined): number | undefined => (d ? d.getTime() / 1000 : undefined);

/** Drops undefined fields: AWS returns only fields that have a value. */
function compact(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}

function stagesMap(rec: SecretRecord): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const v of rec.versions.values()) if (v.stages.size) out[v.versionId] = [...v.stages];
  return out;
}

function metadata(rec: SecretRecord, region: string, mapName: 'VersionIdsToStages' | 'SecretVersionsToStages'): Record<string, unknown> {
  return compact({
    ARN: rec.arn,
    Name: rec.name,
    Description: rec.description,
    KmsKeyId: rec.kmsKeyId,
    LastChangedDate: epoch(rec.lastChangedDate),
    LastAccessedDate: epoch(rec.lastAccessedDate),
    DeletedDate: epoch(rec.deletedDate),
    Tags: rec.tags.length ? rec.tags : undefined,
    [mapName]: stagesMap(rec),
    CreatedDate: epoch(rec.createdDate),
    PrimaryRegion: region,
  });
}

function valueEntry(rec: SecretRecord, v: VersionRecord): Record<string, unknown> {
  return compact({
    ARN: rec.arn,
    Name: rec.name,
    VersionId: v.versionId,
    SecretString: v.value.kind === 'string' ? v.value.text : undefined,
    SecretBinary: v.value.kind === 'binary' ? v.value.bytes.toString('base64') : undefined,
    VersionStages: [...v.stages],
    CreatedDate: epoch(v.createdDate),
  });
}

/** Resolves VersionId / VersionStage (default AWSCURRENT) on a live secret and records the access. */
function readVersion(state: SecretsState, secretId: string, versionId?: string, stage?: string): { rec: SecretRecord; v: VersionRecord } {
  const rec = state.requireLive(secretId);
  const v = versionId ? rec.versions.get(versionId) : holderOf(rec.versions, stage ?? AWSCURRENT);
  if (!v || (versionId && stage && !v.stages.has(stage))) {
    throw notFound(
      `Secrets Manager can't find the specified secret value for ${versionId ? `VersionId: ${versionId}` : `staging label: ${stage ?? AWSCURRENT}`}`,
    );
  }
  state.touch(rec, v);
  return { rec, v };
}

const ListSecrets: Op = (input, { state, emptyPage }) => {
  const max = optInt(input, 'MaxResults', 1, 100) ?? 100;
  const filters = readFilters(input.Filters);
  const offset = decodeToken(input.NextToken);
  const includeDeleted = input.IncludePlannedDeletion === true;
  const sorted = sortSecrets(state.all(), input.SortBy, input.SortOrder);
  if (offset > 0 && offset > sorted.length) throw new SimError('InvalidNextTokenException', 'The NextToken value is invalid.');
  if (emptyPage() && offset < sorted.length) return { SecretList: [], NextToken: encodeToken(offset) };
  const page = scanPage(sorted, offset, max, (r) => (includeDeleted || !r.deletedDate) && matches(r, filters, state.region));
  return compact({
    SecretList: page.items.map((r) => metadata(r, state.region, 'SecretVersionsToStages')),
    NextToken: page.nextOffset !== undefined ? encodeToken(page.nextOffset) : undefined,
  });
};

const DescribeSecret: Op = (input, { state }) => metadata(state.require(reqString(input, 'SecretId')), state.region, 'VersionIdsToStages');

const GetSecretValue: Op = (input, { state }) => {
  const { rec, v } = readVersion(state, reqString(input, 'SecretId'), optString(input, 'VersionId'), optString(input, 'VersionStage'));
  return valueEntry(rec, v);
};

const BatchGetSecretValue: Op = (input, { state, authorize }) => {
  const ids = input.SecretIdList;
  const hasFilters = input.Filters !== undefined && input.Filters !== null;
  if (ids !== undefined && hasFilters) throw invalidParameter('Either SecretIdList or Filters must be provided, but not both.');
  if (ids === undefined && !hasFilters) throw invalidParameter('Either SecretIdList or Filters must be provided.');
  const values: Record<string, unknown>[] = [];
  const errors: Record<string, unknown>[] = [];
  const readOne = (id: string): void => {
    try {
      authorize('GetSecretValue', id);
      const { rec, v } = readVersion(state, id);
      values.push(valueEntry(rec, v));
    } catch (err) {
      if (!(err instanceof SimError)) throw err;
      errors.push({ SecretId: id, ErrorCode: err.type, Message: err.message });
    }
  };
  if (ids !== undefined) {
    if (input.MaxResults !== undefined) throw invalidParameter('MaxResults can only be used with Filters.');
    if (!Array.isArray(ids) || ids.length < 1 || ids.length > 20)
      throw validation("Value at 'secretIdList' failed to satisfy constraint: Member must have length between 1 and 20");
    for (const id of ids) readOne(String(id));
    return compact({ SecretValues: values, Errors: errors.length ? errors : undefined });
  }
  // With Filters AWS also requires secretsmanager:ListSecrets.
  authorize('ListSecrets', '*');
  const filters = readFilters(input.Filters);
  const max = optInt(input, 'MaxResults', 1, 20) ?? 20;
  const sorted = sortSecrets(state.all(), 'created-date', 'asc');
  const page = scanPage(sorted, decodeToken(input.NextToken), max, (r) => !r.deletedDate && matches(r, filters, state.region));
  for (const r of page.items) readOne(r.name);
  return compact({
    SecretValues: values,
    Errors: errors.length ? errors : undefined,
    NextToken: page.nextOffset !== undefined ? encodeToken(page.nextOffset) : undefined,
  });
};

const CreateSecret: Op = (input, { state }) => {
  const token = optString(input, 'ClientRequestToken');
  checkToken(token);
  const description = optString(input, 'Description');
  if (description !== undefined && description.length > 2048)
    throw validation("Value at 'description' failed to satisfy constraint: Member must have length less than or equal to 2048");
  const kmsKeyId = optString(input, 'KmsKeyId');
  const value = readValue(input, false);
  const { rec, versionId } = state.create({
    name: reqString(input, 'Name'),
    ...(token !== undefined ? { token } : {}),
    ...(description !== undefined ? { description } : {}),
    ...(kmsKeyId !== undefined ? { kmsKeyId } : {}),
    ...(value ? { value } : {}),
    tags: readTags(input),
  });
  return compact({ ARN: rec.arn, Name: rec.name, VersionId: versionId });
};

const PutSecretValue: Op = (input, { state }) => {
  const token = optString(input, 'ClientRequestToken');
  checkToken(token);
  const stages = input.VersionStages;
  if (stages !== undefined && (!Array.isArray(stages) || stages.length < 1 || stages.length > 20)) {
    throw validation("Value at 'versionStages' failed to satisfy constraint: Member must have length between 1 and 20");
  }
  const { rec, version } = state.putValue(reqString(input, 'SecretId'), token, readValue(input, true)!, stages as string[] | undefined);
  return { ARN: rec.arn, Name: rec.name, VersionId: version.versionId, VersionStages: [...version.stages] };
};

const ListSecretVersionIds: Op = (input, { state }) => {
  const rec = state.require(reqString(input, 'SecretId'));
  const max = optInt(input, 'MaxResults', 1, 100) ?? 100;
  const all = [...rec.versions.values()].filter((v) => input.IncludeDeprecated === true || v.stages.size > 0);
  const page = scanPage(all, decodeToken(input.NextToken), max, () => true);
  return compact({
    ARN: rec.arn,
    Name: rec.name,
    Versions: page.items.map((v) =>
      compact({
        VersionId: v.versionId,
        VersionStages: [...v.stages],
        CreatedDate: epoch(v.createdDate),
        LastAccessedDate: epoch(v.lastAccessedDate),
      }),
    ),
    NextToken: page.nextOffset !== undefined ? encodeToken(page.nextOffset) : undefined,
  });
};

const UpdateSecretVersionStage: Op = (input, { state }) => {
  const moveTo = optString(input, 'MoveToVersionId');
  const removeFrom = optString(input, 'RemoveFromVersionId');
  const rec = state.moveStage(reqString(input, 'SecretId'), {
    label: reqString(input, 'VersionStage'),
    ...(moveTo !== undefined ? { moveTo } : {}),
    ...(removeFrom !== undefined ? { removeFrom } : {}),
  });
  return { ARN: rec.arn, Name: rec.name };
};

const TagResource: Op = (input, { state }) => {
  state.tag(reqString(input, 'SecretId'), readTags(input));
  return {};
};

const DeleteSecret: Op = (input, { state }) => {
  const days = optInt(input, 'RecoveryWindowInDays', 7, 30);
  const { rec, deletionDate } = state.delete(reqString(input, 'SecretId'), {
    ...(days !== undefined ? { recoveryWindowInDays: days } : {}),
    force: input.ForceDeleteWithoutRecovery === true,
  });
  return { ARN: rec.arn, Name: rec.name, DeletionDate: epoch(deletionDate) };
};

const RestoreSecret: Op = (input, { state }) => {
  const rec = state.restore(reqString(input, 'SecretId'));
  return { ARN: rec.arn, Name: rec.name };
};

/** Every operation the simulator speaks, keyed by the `x-amz-target` suffix. */
export const OPERATIONS: Readonly<Record<string, Op>> = {
  ListSecrets,
  DescribeSecret,
  GetSecretValue,
  BatchGetSecretValue,
  CreateSecret,
  PutSecretValue,
  ListSecretVersionIds,
  UpdateSecretVersionStage,
  TagResource,
  DeleteSecret,
  RestoreSecret,
};
