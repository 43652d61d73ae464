import { ContractError } from '../../../contract/errors';
import {
  listFolders,
  listPolicies,
  listRoles,
  listScripts,
  listSites,
  listTemplates,
  getTemplate,
  searchSecrets,
  searchUsers,
  type FolderSummary,
  type SecretServerClient,
  type SecretSummary,
} from '../../secret-server';

const same = (a: string | undefined, b: string) => (a ?? '').trim().toLowerCase() === b.trim().toLowerCase();

/** A folder path in one form: leading backslash, no trailing one (`\Parent\Child`). */
export function normalPath(path: string): string {
  const parts = path.replace(/\//g, '\\').split('\\').filter(Boolean);
  return `\\${parts.join('\\')}`;
}

/** The user with exactly this user name, or undefined. */
export async function findUser(c: SecretServerClient, userName: string, signal: AbortSignal) {
  return (await searchUsers(c, userName, { signal })).find((u) => same(u.userName, userName));
}

/** The role with exactly this name (inactive ones too), or undefined. */
export async function findRole(c: SecretServerClient, name: string, signal: AbortSignal) {
  return (await listRoles(c, { includeInactive: true, signal })).find((r) => same(r.name, name));
}

/** Every folder the account sees. */
export function allFolders(c: SecretServerClient, signal: AbortSignal): Promise<FolderSummary[]> {
  return listFolders(c, { signal });
}

/** The folder at `path` and its parents (nearest first), or undefined when the path does not exist. */
export async function folderChain(c: SecretServerClient, path: string, signal: AbortSignal): Promise<FolderSummary[] | undefined> {
  const folders = await allFolders(c, signal);
  const want = normalPath(path).toLowerCase();
  const folder = folders.find((f) => normalPath(f.folderPath ?? '').toLowerCase() === want);
  if (!folder) return undefined;
  const chain = [folder];
  for (let p = folder.parentFolderId; p !== undefined && p !== null && p > 0;) {
    const parent = folders.find((f) => f.id === p);
    if (!parent) break;
    chain.push(parent);
    p = parent.parentFolderId;
  }
  return chain;
}

/** The folder id at `path`; NOT_FOUND naming the field when it does not exist. */
export async function folderId(c: SecretServerClient, path: string, field: string, signal: AbortSignal): Promise<number> {
  const chain = await folderChain(c, path, signal);
  const id = chain?.[0]?.id;
  if (id === undefined) throw new ContractError('NOT_FOUND', `No folder ${normalPath(path)} in Secret Server.`, { details: { field } });
  return id;
}

/** The template with exactly this name, with its fields, or undefined. */
export async function findTemplate(c: SecretServerClient, name: string, signal: AbortSignal) {
  const hit = (await listTemplates(c, name, { signal })).find((t) => same(t.name, name));
  return hit?.id !== undefined ? getTemplate(c, hit.id, signal) : undefined;
}

/** The user script with exactly this name, or undefined. */
export async function findScript(c: SecretServerClient, name: string, signal: AbortSignal) {
  return (await listScripts(c, { searchText: name, signal })).find((s) => same(s.name, name));
}

/** The event pipeline policy with exactly this name, or undefined. */
export async function findPolicy(c: SecretServerClient, name: string, signal: AbortSignal) {
  return (await listPolicies(c, { name, signal })).find((p) => same(p.eventPipelinePolicyName, name));
}

/** The site with exactly this name (inactive ones too), or undefined. */
export async function findSite(c: SecretServerClient, name: string, signal: AbortSignal) {
  return (await listSites(c, { includeInactive: true, signal })).find((s) => same(s.siteName, name));
}

/** The secret with exactly this name in the folder, or undefined. */
export async function findSecret(
  c: SecretServerClient,
  name: string,
  folder: number,
  signal: AbortSignal,
): Promise<SecretSummary | undefined> {
  for await (const s of searchSecrets(c, { searchText: name, folderId: folder }, { signal })) if (same(s.name, name)) return s;
  return undefined;
}

/** Throws CONFLICT: the target changed since planning. */
export function gone(what: string): never {
  throw new ContractError('CONFLICT', `${what} is not there any more: check and plan again.`);
}
