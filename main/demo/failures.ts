import {
  CREDENTIALS_CACHE_SCRIPT,
  HARDENED_CACHE_SCRIPT,
  type BaseSeed,
  type SimSecret,
  type SimState,
} from '../../simulators/secret-server';
import { DEMO_APP_ACCOUNT } from './world';

/** A policy set up to fail in a realistic way, and the secrets whose password change fires it. */
export interface FailureScenario {
  /** The probable-cause code Pipeline activity should show for its runs. */
  readonly cause: 'tls-trust' | 'token-rejected' | 'engine-offline';
  readonly policy: string;
  readonly secrets: readonly SimSecret[];
}

/**
 * Extra policies an admin could well have left behind, each targeting another folder so a
 * password change there fails for one reason, for real (the runner calls the caches over HTTP):
 * - the hardened seed 000 script (certificate checks on, `exit 1`) against HQ's https binding,
 *   whose certificate the engine host does not trust → tls-trust;
 * - the seed script with a connection secret still holding the application account's old
 *   password → the cache's /api/token answers 401 → token-rejected;
 * - a policy whose Run Site is a DMZ site with its only engine offline → engine-offline.
 */
export function seedFailureScenarios(
  state: SimState,
  base: BaseSeed,
  opts: {
    ssUrl: string;
    hq: { name: string; url: string; httpsUrl: string };
    connectionTemplateId: number;
    integrationFolderId: number;
    appUserId: number;
  },
): FailureScenario[] {
  const folder = (name: string) => state.folders.find((f) => f.folderName === name);
  const secretsIn = (name: string, count: number) => state.secrets.filter((s) => s.folderId === folder(name)?.id).slice(0, count);
  const connection = (name: string, values: { credcacheurl: string; clientsecret: string }) => {
    const s = state.addSecret(name, {
      templateId: opts.connectionTemplateId,
      folderId: opts.integrationFolderId,
      inheritPermissions: false,
      values: { tenanturl: opts.ssUrl, clientid: DEMO_APP_ACCOUNT.userName, domain: '', ...values },
    });
    state.grantSecret(s.id, opts.appUserId, 'View');
    return s;
  };
  const hardened = state.addScript('Credentials Cache - Secret Changed (hardened)', HARDENED_CACHE_SCRIPT, {
    description: 'Seed 000 script without the DEV ONLY certificate bypass, failing the task when /api/secretchanged fails',
  });
  const seedScript = state.scripts.find((s) => s.script === CREDENTIALS_CACHE_SCRIPT);
  const dmz = state.addSite('DMZ', { engineOnline: false, engineName: 'dmz-engine-01' });
  const scenarios: Array<{
    cause: FailureScenario['cause'];
    folder: string;
    policy: string;
    scriptId: number;
    conn: SimSecret;
    siteId: number;
  }> = [
    {
      cause: 'tls-trust',
      folder: 'Databases',
      policy: `Refresh Credentials Cache - ${opts.hq.name} (https)`,
      scriptId: hardened.scriptId,
      conn: connection(`Credentials Cache connection - ${opts.hq.name} (https)`, {
        credcacheurl: opts.hq.httpsUrl,
        clientsecret: DEMO_APP_ACCOUNT.password,
      }),
      siteId: base.defaultSiteId,
    },
    {
      cause: 'token-rejected',
      folder: 'Network Devices',
      policy: `Refresh Credentials Cache - ${opts.hq.name} (network team)`,
      scriptId: seedScript?.scriptId ?? hardened.scriptId,
      conn: connection(`Credentials Cache connection - ${opts.hq.name} (network team, not rotated)`, {
        credcacheurl: opts.hq.url,
        clientsecret: 'Demo-AppAccount-2024!',
      }),
      siteId: base.defaultSiteId,
    },
    {
      cause: 'engine-offline',
      folder: 'Windows Servers',
      policy: 'Refresh Credentials Cache - DMZ',
      scriptId: seedScript?.scriptId ?? hardened.scriptId,
      conn: connection('Credentials Cache connection - DMZ', { credcacheurl: opts.hq.url, clientsecret: DEMO_APP_ACCOUNT.password }),
      siteId: dmz.siteId,
    },
  ];
  return scenarios.map((s) => {
    state.addCredentialsCachePolicy({
      name: s.policy,
      folderIds: [folder(s.folder)?.id ?? base.rootFolderId],
      scriptId: s.scriptId,
      connectionSecretId: s.conn.id,
      siteId: s.siteId,
    });
    return { cause: s.cause, policy: s.policy, secrets: secretsIn(s.folder, 2) };
  });
}
