import type { QueryValue } from '../http';
import type { SecretServerClient } from './client';
import type {
  SecretAuditModel,
  SecretCreateArgs,
  SecretModel,
  SecretModelV2,
  SecretPermissionCreateArgs,
  SecretPermissionModel,
  SecretPermissionSummary,
  SecretShareModel,
  SecretSummary,
} from './types';

/** Filters of the v2 secret search (`filter.*`). */
export interface SecretSearch {
  readonly searchText?: string;
  readonly folderId?: number;
  readonly includeSubFolders?: boolean;
  readonly secretTemplateIds?: readonly number[];
  readonly secretIds?: readonly number[];
  readonly includeInactive?: boolean;
  readonly permissionRequired?: 'List' | 'View' | 'Edit' | 'Owner';
}

/** The vendor slug rule: lower-case field name, spaces replaced with dashes. */
export function fieldSlug(name: string): string {
  return name.trim().toLowerCase().replace(/\s+/g, '-');
}

/** Pages through `GET /api/v2/secrets`. */
export function searchSecrets(
  c: SecretServerClient,
  f: SecretSearch = {},
  opts: { signal?: AbortSignal } = {},
): AsyncGenerator<SecretSummary> {
  const query: Record<string, QueryValue> = {};
  for (const [k, v] of Object.entries(f)) query[`filter.${k}`] = v as QueryValue;
  return c.paged<SecretSummary>('/api/v2/secrets', query, opts);
}

/** `GET /api/v1/secrets/{id}` (the SDKs' call; the 11.7.2 spec documents v2). */
export function getSecret(c: SecretServerClient, id: number, signal?: AbortSignal): Promise<SecretModelV2> {
  return c.call('GET', `/api/v1/secrets/${id}`, { signal });
}

/** `GET /api/v1/secrets/{id}/fields/{slug}`: the raw value (text fields come back as a JSON string). */
export async function getSecretField(c: SecretServerClient, id: number, slug: string, signal?: AbortSignal): Promise<string> {
  const v = await c.call<unknown>('GET', `/api/v1/secrets/${id}/fields/${encodeURIComponent(slug)}`, { signal });
  return typeof v === 'string' ? v : v === undefined || v === null ? '' : JSON.stringify(v);
}

/** `PUT /api/v1/secrets/{id}/fields/{slug}` with `{value}`; changing a password field fires pipelines. */
export function setSecretField(
  c: SecretServerClient,
  id: number,
  slug: string,
  value: string,
  opts: { comment?: string; signal?: AbortSignal } = {},
): Promise<string> {
  return c.call('PUT', `/api/v1/secrets/${id}/fields/${encodeURIComponent(slug)}`, {
    json: { value, ...(opts.comment ? { comment: opts.comment } : {}) },
    signal: opts.signal,
  });
}

/** `GET /api/v1/secrets/stub?secretTemplateId=&folderId=`: a blank secret to fill and POST. */
export function getSecretStub(
  c: SecretServerClient,
  secretTemplateId: number,
  folderId: number,
  signal?: AbortSignal,
): Promise<SecretModel> {
  return c.call('GET', '/api/v1/secrets/stub', { query: { secretTemplateId, folderId }, signal });
}

/** `POST /api/v1/secrets`. */
export function createSecret(c: SecretServerClient, args: SecretCreateArgs, signal?: AbortSignal): Promise<SecretModel> {
  return c.call('POST', '/api/v1/secrets', { json: args, signal });
}

/** Builds create args from a stub, setting item values by slug (unknown slugs are an error, not silently dropped). */
export function fillStub(
  stub: SecretModel,
  name: string,
  values: Readonly<Record<string, string>>,
  extra: Partial<SecretCreateArgs> = {},
): SecretCreateArgs {
  const items = (stub.items ?? []).map((i) => ({ ...i, itemValue: values[i.slug ?? ''] ?? i.itemValue ?? '' }));
  const unknown = Object.keys(values).filter((slug) => !items.some((i) => i.slug === slug));
  if (unknown.length) throw new Error(`The template has no field with slug ${unknown.join(', ')}`);
  return {
    ...extra,
    name,
    secretTemplateId: stub.secretTemplateId ?? 0,
    folderId: stub.folderId,
    siteId: extra.siteId ?? stub.siteId,
    items,
  };
}

/** `GET /api/v1/secrets/{id}/summary`. */
export function getSecretSummary(c: SecretServerClient, id: number, signal?: AbortSignal): Promise<SecretSummary> {
  return c.call('GET', `/api/v1/secrets/${id}/summary`, { signal });
}

/** `GET /api/v1/secrets/{id}/audits`, newest first. */
export function listSecretAudits(c: SecretServerClient, id: number, opts: { signal?: AbortSignal } = {}): Promise<SecretAuditModel[]> {
  return c.collect(`/api/v1/secrets/${id}/audits`, { 'sortBy[0].name': 'dateRecorded', 'sortBy[0].direction': 'desc' }, opts);
}

/** `POST /api/v1/secrets/{id}/change-password` (no `newPassword` = let the server generate one). */
export function changeSecretPassword(
  c: SecretServerClient,
  id: number,
  opts: { newPassword?: string; comment?: string; signal?: AbortSignal } = {},
): Promise<SecretSummary> {
  return c.call('POST', `/api/v1/secrets/${id}/change-password`, {
    json: { newPassword: opts.newPassword, comment: opts.comment },
    signal: opts.signal,
  });
}

/** `GET /api/v1/secret-permissions?filter.secretId=`. */
export function listSecretPermissions(
  c: SecretServerClient,
  secretId: number,
  opts: { signal?: AbortSignal } = {},
): Promise<SecretPermissionSummary[]> {
  return c.collect('/api/v1/secret-permissions', { 'filter.secretId': secretId }, opts);
}

/** `POST /api/v1/secret-permissions` (e.g. `{secretId, userId, secretAccessRoleName: 'View'}`). */
export function createSecretPermission(
  c: SecretServerClient,
  args: SecretPermissionCreateArgs,
  signal?: AbortSignal,
): Promise<SecretPermissionModel> {
  return c.call('POST', '/api/v1/secret-permissions', { json: args, signal });
}

/** `PATCH /api/v1/secrets/{id}/share`: turn permission inheritance on or off. */
export function setSecretInheritPermissions(
  c: SecretServerClient,
  secretId: number,
  inheritPermissions: boolean,
  signal?: AbortSignal,
): Promise<SecretShareModel> {
  return c.call('PATCH', `/api/v1/secrets/${secretId}/share`, {
    json: { data: { inheritPermissions: { dirty: true, value: inheritPermissions } } },
    signal,
  });
}
