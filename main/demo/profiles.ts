import type { ProfileInput } from '../../contract/channels/connections';
import { ContractError } from '../../contract/errors';
import type { StoredProfile } from '../connections/profiles';
import type { ConnectionService } from '../connections/service';
import { readDemoProfileIds, writeDemoProfileIds } from './record';
import type { DemoInfo } from './start';

/** Profile names the demo owns; a restart updates them instead of adding duplicates. */
export const DEMO_NAMES = {
  secretServer: 'Demo Secret Server',
  /** Only in a fresh demo: the demo's administrator, the account the setup wizard signs in with. */
  secretServerAdmin: 'Demo Secret Server admin',
  aws: 'Demo AWS Secrets Manager',
} as const;

/**
 * Creates (or points again) the profiles of the demo: Secret Server with the application account,
 * AWS with static keys and the simulator endpoint, and one profile per cache instance with its
 * site label and log folder. The demo's profiles are found by the ids recorded in
 * `demo-profiles.json`, so a profile of the user's with the same name is never touched (the
 * demo's then gets " (demo)" added). Credentials are written again every time, so a restart
 * with a store in memory works. Returns the ids, also recorded.
 */
export function upsertDemoProfiles(connections: ConnectionService, info: DemoInfo, dataDir: string): string[] {
  const recorded = new Set(readDemoProfileIds(dataDir));
  const ids: string[] = [];
  const upsert = (input: ProfileInput): string => {
    const id = upsertOne(connections, input, recorded);
    ids.push(id);
    // Recorded at once: a failure half-way must not leave a demo profile counted as the user's.
    writeDemoProfileIds(dataDir, [...new Set([...recorded, ...ids])]);
    return id;
  };
  const ss = upsert({
    kind: 'secret-server',
    name: DEMO_NAMES.secretServer,
    baseUrl: info.secretServer.url,
    username: info.secretServer.username,
    password: info.secretServer.password,
  });
  upsert({
    kind: 'aws',
    name: DEMO_NAMES.aws,
    region: info.aws.region,
    credentialSource: 'static',
    accessKeyId: info.aws.accessKeyId,
    secretAccessKey: info.aws.secretAccessKey,
    endpoint: info.aws.endpoint,
  });
  for (const c of info.credentialsCache) {
    upsert({ kind: 'credentials-cache', name: c.name, url: c.url, siteLabel: c.site, secretServerProfileId: ss, logPath: c.logPath });
  }
  const admin = connections.store
    .list()
    .find((p) => recorded.has(p.id) && p.kind === 'secret-server' && baseName(p.name) === DEMO_NAMES.secretServerAdmin);
  if (info.fresh)
    // The setup wizard needs an account allowed to administer roles, templates, scripts and pipelines.
    upsert({
      kind: 'secret-server',
      name: DEMO_NAMES.secretServerAdmin,
      baseUrl: info.secretServer.url,
      username: info.secretServer.admin.username,
      password: info.secretServer.admin.password,
    });
  else if (admin) connections.delete(admin.id);
  writeDemoProfileIds(dataDir, ids);
  return ids;
}

/** Deletes the demo's profiles and their credentials; returns how many went. */
export function removeDemoProfiles(connections: ConnectionService, dataDir: string): number {
  let removed = 0;
  // Cache profiles refer to the Secret Server profile, so they go first.
  const ids = readDemoProfileIds(dataDir).reverse();
  for (const id of ids) if (connections.delete(id)) removed += 1;
  writeDemoProfileIds(dataDir, []);
  return removed;
}

function upsertOne(connections: ConnectionService, input: ProfileInput, recorded: ReadonlySet<string>): string {
  const profiles = connections.store.list();
  const mine =
    profiles.find((p) => recorded.has(p.id) && p.kind === input.kind && baseName(p.name) === input.name) ??
    profiles.find((p) => p.kind === input.kind && p.name === input.name && !recorded.size && isLoopback(p));
  if (mine) return connections.update(mine.id, { ...input, name: mine.name }).id;
  try {
    return connections.create(input).id;
  } catch (err) {
    // The user has a profile of this name: the demo's gets a name of its own.
    if (err instanceof ContractError && err.code === 'CONFLICT') return connections.create({ ...input, name: `${input.name} (demo)` }).id;
    throw err;
  }
}

const baseName = (name: string) => name.replace(/ \(demo\)$/, '');

/** A profile left by a demo of a version that kept no record: it points at 127.0.0.1. */
function isLoopback(p: StoredProfile): boolean {
  const url = p.kind === 'secret-server' ? p.baseUrl : p.kind === 'credentials-cache' ? p.url : (p.endpoint ?? '');
  try {
    return new URL(url).hostname === '127.0.0.1';
  } catch {
    return false;
  }
}
