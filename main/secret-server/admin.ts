import type { SecretServerClient } from './client';
import type {
  FolderCreateArgs,
  FolderModel,
  FolderPermissionCreateArgs,
  FolderPermissionModel,
  FolderPermissionSummary,
  FolderSummary,
  RoleModel,
  RolePermissionModel,
  ScriptCategorySummary,
  ScriptCreateModel,
  ScriptModelV2,
  ScriptSummaryModel,
  SecretTemplateCreateArgs,
  SecretTemplateModel,
  SecretTemplateSummary,
  UserRoleSummary,
  UserSummary,
} from './types';

type Opts = { signal?: AbortSignal };

/** `GET /api/v1/secret-templates` (optionally by name text). */
export function listTemplates(c: SecretServerClient, searchText?: string, opts: Opts = {}): Promise<SecretTemplateSummary[]> {
  return c.collect('/api/v1/secret-templates', { 'filter.searchText': searchText, 'filter.includeSecretCount': true }, opts);
}

/** `GET /api/v1/secret-templates/{id}` with `fields[].fieldSlugName` (the SDKs' call). */
export function getTemplate(c: SecretServerClient, id: number, signal?: AbortSignal): Promise<SecretTemplateModel> {
  return c.call('GET', `/api/v1/secret-templates/${id}`, { signal });
}

/** `POST /api/v1/secret-templates`. */
export function createTemplate(c: SecretServerClient, args: SecretTemplateCreateArgs, signal?: AbortSignal): Promise<SecretTemplateModel> {
  return c.call('POST', '/api/v1/secret-templates', { json: args, signal });
}

/** `GET /api/v1/roles`. */
export function listRoles(c: SecretServerClient, opts: Opts & { userId?: number; includeInactive?: boolean } = {}): Promise<RoleModel[]> {
  return c.collect('/api/v1/roles', { 'filter.userId': opts.userId, 'filter.includeInactive': opts.includeInactive }, opts);
}

/** `POST /api/v1/roles`. */
export function createRole(c: SecretServerClient, name: string, enabled = true, signal?: AbortSignal): Promise<RoleModel> {
  return c.call('POST', '/api/v1/roles', { json: { name, enabled }, signal });
}

/** `GET /api/v1/roles/{id}/permissions`. */
export function listRolePermissions(c: SecretServerClient, roleId: number, opts: Opts = {}): Promise<RolePermissionModel[]> {
  return c.collect(`/api/v1/roles/${roleId}/permissions`, {}, opts);
}

/** `GET /api/v1/roles/{id}/permissions/unassigned`: the catalogue of permissions the role lacks. */
export function listUnassignedRolePermissions(c: SecretServerClient, roleId: number, opts: Opts = {}): Promise<RolePermissionModel[]> {
  return c.collect(`/api/v1/roles/${roleId}/permissions/unassigned`, {}, opts);
}

/** `PUT /api/v1/roles/{id}/permissions`: REPLACES the role's permissions with exactly these ids. */
export function replaceRolePermissions(
  c: SecretServerClient,
  roleId: number,
  rolePermissionIds: readonly number[],
  signal?: AbortSignal,
): Promise<{ success?: boolean }> {
  return c.call('PUT', `/api/v1/roles/${roleId}/permissions`, { json: { rolePermissionIds }, signal });
}

/** Adds permissions by name without dropping existing ones (reads both lists, PUTs the union). */
export async function addRolePermissionsByName(
  c: SecretServerClient,
  roleId: number,
  names: readonly string[],
  signal?: AbortSignal,
): Promise<{ added: string[]; missing: string[] }> {
  const [assigned, unassigned] = await Promise.all([
    listRolePermissions(c, roleId, { signal }),
    listUnassignedRolePermissions(c, roleId, { signal }),
  ]);
  const want = names.filter((n) => !assigned.some((p) => p.name === n));
  const found = unassigned.filter((p) => want.includes(p.name ?? ''));
  const missing = want.filter((n) => !found.some((p) => p.name === n));
  if (found.length)
    await replaceRolePermissions(
      c,
      roleId,
      [...assigned, ...found].map((p) => p.rolePermissionId ?? 0),
      signal,
    );
  return { added: found.map((p) => p.name ?? ''), missing };
}

/** `GET /api/v1/users?filter.searchText=`. */
export function searchUsers(c: SecretServerClient, searchText?: string, opts: Opts = {}): Promise<UserSummary[]> {
  return c.collect('/api/v1/users', { 'filter.searchText': searchText }, opts);
}

/** `POST /api/v1/users/{id}/roles`: adds roles to a user. */
export function addUserRoles(
  c: SecretServerClient,
  userId: number,
  roleIds: readonly number[],
  signal?: AbortSignal,
): Promise<{ success?: boolean }> {
  return c.call('POST', `/api/v1/users/${userId}/roles`, { json: { roleIds }, signal });
}

/** `GET /api/v1/users/{id}/roles-assigned`: effective roles (direct and via groups). */
export function listUserRolesAssigned(c: SecretServerClient, userId: number, opts: Opts = {}): Promise<UserRoleSummary[]> {
  return c.collect(`/api/v1/users/${userId}/roles-assigned`, {}, opts);
}

/** `GET /api/v1/folders`. */
export function listFolders(
  c: SecretServerClient,
  opts: Opts & { searchText?: string; parentFolderId?: number } = {},
): Promise<FolderSummary[]> {
  return c.collect('/api/v1/folders', { 'filter.searchText': opts.searchText, 'filter.parentFolderId': opts.parentFolderId }, opts);
}

/** `POST /api/v1/folders` (`folderTypeId` 1, `parentFolderId` -1 for a root folder). */
export function createFolder(c: SecretServerClient, args: FolderCreateArgs, signal?: AbortSignal): Promise<FolderModel> {
  return c.call('POST', '/api/v1/folders', { json: args, signal });
}

/** `GET /api/v1/folder-permissions?filter.folderId=`. */
export function listFolderPermissions(c: SecretServerClient, folderId: number, opts: Opts = {}): Promise<FolderPermissionSummary[]> {
  return c.collect('/api/v1/folder-permissions', { 'filter.folderId': folderId }, opts);
}

/** `POST /api/v1/folder-permissions`. */
export function createFolderPermission(
  c: SecretServerClient,
  args: FolderPermissionCreateArgs,
  signal?: AbortSignal,
): Promise<FolderPermissionModel> {
  return c.call('POST', '/api/v1/folder-permissions', { json: args, signal });
}

/** `GET /api/v2/userscripts`. */
export function listScripts(c: SecretServerClient, opts: Opts & { searchText?: string } = {}): Promise<ScriptSummaryModel[]> {
  return c.collect('/api/v2/userscripts', { 'filter.searchText': opts.searchText }, opts);
}

/** `GET /api/v2/userscripts/{id}`. */
export function getScript(c: SecretServerClient, scriptId: number, signal?: AbortSignal): Promise<ScriptModelV2> {
  return c.call('GET', `/api/v2/userscripts/${scriptId}`, { signal });
}

/** `POST /api/v2/userscripts` with `{data: …}`. */
export function createScript(c: SecretServerClient, data: ScriptCreateModel, signal?: AbortSignal): Promise<ScriptModelV2> {
  return c.call('POST', '/api/v2/userscripts', { json: { data }, signal });
}

/** `GET /api/v1/userscripts/categories`. */
export function listScriptCategories(c: SecretServerClient, opts: Opts = {}): Promise<ScriptCategorySummary[]> {
  return c.collect('/api/v1/userscripts/categories', {}, opts);
}

/** `PATCH /api/v1/userscripts/{scriptId}` with `{data: ScriptUpdateModel}` (dirty-wrapped fields). */
export function updateScript(
  c: SecretServerClient,
  scriptId: number,
  data: { script?: string; description?: string; scriptCategoryId?: number; isActive?: boolean },
  signal?: AbortSignal,
): Promise<ScriptModelV2> {
  const wrapped = Object.fromEntries(Object.entries(data).map(([k, v]) => [k, { dirty: true, value: v }]));
  return c.call('PATCH', `/api/v1/userscripts/${scriptId}`, { json: { data: wrapped }, signal });
}
