import type { RouteResult } from '../shared/router';
import type { SimSecret, SimUser } from './model';
import type { SimState } from './state';

const RANK = { None: 0, List: 1, View: 2, Edit: 3, Owner: 4 } as const;
type SecretRole = keyof typeof RANK;

/** The vendor's answer for a caller without rights: 400, not 403 (issue #161 of the PS module). */
export function accessDenied(): RouteResult {
  return { status: 400, body: { errorCode: 'API_AccessDenied', message: 'Access Denied' } };
}

/** A 400 BadRequestResponse; `modelState` names offending fields the way ASP.NET Web API does. */
export function badRequest(message: string, modelState?: Record<string, string[]>, errorCode?: string): RouteResult {
  return {
    status: 400,
    body: {
      message,
      messageDetail: message,
      errorCode: errorCode ?? (modelState ? 'API_ValidationFailed' : 'API_BadRequest'),
      modelState: modelState ?? {},
    },
  };
}

/** A 404 with a vendor-like message. */
export function notFound(what: string): RouteResult {
  return { status: 404, body: { message: `${what} not found`, errorCode: 'API_NotFound' } };
}

/** A 500 InternalServerErrorResponse. */
export function serverError(err: unknown): RouteResult {
  const e = err instanceof Error ? err : new Error(String(err));
  return {
    status: 500,
    body: {
      message: 'An error has occurred.',
      exceptionMessage: e.message,
      exceptionType: e.name === 'Error' ? 'System.Exception' : e.name,
      stackTrace: e.stack ?? '',
    },
  };
}

/** True when the user holds the role permission (Unlimited Administration holds all). */
export function hasPermission(state: SimState, user: SimUser, name: string): boolean {
  const names = state.permissionNamesOf(user);
  return names.has(name) || names.has('Unlimited Administration');
}

/** The user's effective role on a secret: explicit when inheritance is off, else the folder chain's. */
export function secretRoleOf(state: SimState, user: SimUser, secret: SimSecret): SecretRole {
  if (state.permissionNamesOf(user).has('Unlimited Administration')) return 'Owner';
  if (!secret.enableInheritPermissions) {
    return best(state.secretPermissions.filter((p) => p.secretId === secret.id && p.userId === user.id).map((p) => p.secretAccessRoleName));
  }
  return best(
    folderChain(state, secret.folderId).flatMap((fid) =>
      state.folderPermissions.filter((p) => p.folderId === fid && p.userId === user.id).map((p) => p.secretAccessRoleName),
    ),
  );
}

/** The user's folder role (View/Edit/Add Secret/Owner) or undefined. */
export function folderRoleOf(state: SimState, user: SimUser, folderId: number): string | undefined {
  if (hasPermission(state, user, 'Unlimited Administration')) return 'Owner';
  const perms = folderChain(state, folderId).flatMap((fid) =>
    state.folderPermissions.filter((p) => p.folderId === fid && p.userId === user.id),
  );
  return perms[0]?.folderAccessRoleName;
}

/** Can the user read the secret's values (needs the View Secret permission and View or better)? */
export function canViewSecret(state: SimState, user: SimUser, secret: SimSecret): boolean {
  return hasPermission(state, user, 'View Secret') && RANK[secretRoleOf(state, user, secret)] >= RANK.View;
}

/** Can the user see the secret in lists? */
export function canListSecret(state: SimState, user: SimUser, secret: SimSecret): boolean {
  return RANK[secretRoleOf(state, user, secret)] >= RANK.List;
}

/** Can the user edit the secret? */
export function canEditSecret(state: SimState, user: SimUser, secret: SimSecret): boolean {
  return RANK[secretRoleOf(state, user, secret)] >= RANK.Edit;
}

/** A folder and its ancestors while permissions are inherited. */
function folderChain(state: SimState, folderId: number): number[] {
  const chain: number[] = [];
  let folder = state.folders.find((f) => f.id === folderId);
  while (folder) {
    chain.push(folder.id);
    if (!folder.inheritPermissions) break;
    const parentId = folder.parentFolderId;
    folder = state.folders.find((f) => f.id === parentId);
  }
  return chain;
}

function best(roles: readonly string[]): SecretRole {
  let out: SecretRole = 'None';
  for (const r of roles) if (r in RANK && RANK[r as SecretRole] > RANK[out]) out = r as SecretRole;
  return out;
}
