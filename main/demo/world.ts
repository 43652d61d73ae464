import { CREDENTIALS_CACHE_SCRIPT, type BaseSeed, type SimSecret, type SimState } from '../../simulators/secret-server';

/** The application account the console and the caches use (seed 000, step 1). Throw-away demo values. */
export const DEMO_APP_ACCOUNT = { userName: 'svc-engine-console', password: 'Demo-AppAccount-2025!' } as const;

/** What the world seed created, for the run producer and the profiles. */
export interface DemoWorld {
  readonly appUserId: number;
  /** Secrets under the folder the pipeline policies target; changing their password fires the pipelines. */
  readonly pipelineSecrets: readonly SimSecret[];
  /** Every other secret (used to mirror some into AWS). */
  readonly otherSecrets: readonly SimSecret[];
  readonly amazonIamKeySecretId: number;
  /** The "Credentials Cache Connection" template and the folder holding connection secrets. */
  readonly connectionTemplateId: number;
  readonly integrationFolderId: number;
}

const FOLDERS: ReadonlyArray<readonly [string, string, number]> = [
  // [folder, name prefix, count]
  ['Applications', 'app', 36],
  ['Databases', 'sql', 70],
  ['Windows Servers', 'win', 90],
  ['Network Devices', 'net', 60],
  ['Service Accounts', 'svc', 44],
];

/** A tiny deterministic generator so every demo start shows the same world. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/**
 * Seeds a realistic Secret Server: five folders with ~300 secrets, and the seed 000 setup — the
 * application account with a role holding the three permissions, the custom template, one
 * connection secret per cache instance shared View with the account, the PowerShell script, and
 * one event pipeline policy (type Secret, "Secret Password Change" → Run Script) per instance.
 */
export function seedDemoWorld(
  state: SimState,
  base: BaseSeed,
  opts: {
    caches: ReadonlyArray<{ name: string; url: string; site: string }>;
    ssUrl: string;
    iamKey: { accessKeyId: string; secretAccessKey: string };
    /** Without the seed 000 setup (role, template, connection secrets, script, policies), for the setup wizard. */
    fresh?: boolean;
  },
): DemoWorld {
  const { caches, ssUrl } = opts;
  const random = rng(20250130);
  const fresh = opts.fresh === true;
  if (!fresh)
    state.addRole('Credentials Cache Integration', [
      'Administer Secret Server Pipelines',
      'Administer Secret Server Scripts',
      'View Secret',
    ]);
  const app = state.addUser(DEMO_APP_ACCOUNT.userName, DEMO_APP_ACCOUNT.password, {
    roles: fresh ? [] : ['Credentials Cache Integration'],
    displayName: 'Engine Console application account',
    isApplicationAccount: true,
  });
  const template = fresh
    ? undefined
    : state.addTemplate('Credentials Cache Connection', ['TENANTURL', 'CLIENTID', 'CLIENTSECRET', 'CREDCACHEURL', 'DOMAIN']);
  const integration = state.addFolder('Integrations', base.rootFolderId);
  const pipelineSecrets: SimSecret[] = [];
  const otherSecrets: SimSecret[] = [];
  for (const [folderName, prefix, count] of FOLDERS) {
    const folder = state.addFolder(folderName, base.rootFolderId);
    state.grantFolder(folder.id, app.id, 'View', 'View');
    for (let i = 1; i <= count; i++) {
      const s = state.addSecret(`${prefix}-${String(i).padStart(3, '0')}-${pick(random, ['prod', 'test', 'dr'])}`, {
        templateId: base.passwordTemplateId,
        folderId: folder.id,
        values: { resource: `${prefix}${i}.corp.example`, username: `${prefix}_admin${i}`, password: password(random), notes: '' },
      });
      (folderName === 'Applications' ? pipelineSecrets : otherSecrets).push(s);
    }
  }
  const script = fresh
    ? undefined
    : state.addScript('Credentials Cache - Secret Changed', CREDENTIALS_CACHE_SCRIPT, {
        description: 'Seed 000: calls /api/secretchanged on the Credentials Cache',
      });
  const applications = state.folders.find((f) => f.folderName === 'Applications');
  for (const [i, cache] of caches.entries()) {
    const site = i === 0 ? state.sites.find((s) => s.siteId === base.defaultSiteId) : state.addSite(cache.site);
    if (!template || !script) continue;
    const conn = state.addSecret(`Credentials Cache connection - ${cache.name}`, {
      templateId: template.id,
      folderId: integration.id,
      inheritPermissions: false,
      values: {
        tenanturl: ssUrl,
        clientid: DEMO_APP_ACCOUNT.userName,
        clientsecret: DEMO_APP_ACCOUNT.password,
        credcacheurl: cache.url,
        domain: '',
      },
    });
    state.grantSecret(conn.id, app.id, 'View');
    state.addCredentialsCachePolicy({
      name: `Refresh Credentials Cache - ${cache.name}`,
      folderIds: applications ? [applications.id] : [],
      scriptId: script.scriptId,
      connectionSecretId: conn.id,
      siteId: site?.siteId ?? base.defaultSiteId,
    });
  }
  const iam = state.addSecret('AWS-SecretsManager-Integration', {
    templateId: base.amazonIamKeyTemplateId,
    folderId: integration.id,
    inheritPermissions: false,
    values: { Username: 'delinea-secrets-sync', 'Access Key': opts.iamKey.accessKeyId, 'Secret Key': opts.iamKey.secretAccessKey },
  });
  state.grantSecret(iam.id, app.id, 'View');
  return {
    appUserId: app.id,
    pipelineSecrets,
    otherSecrets,
    amazonIamKeySecretId: iam.id,
    connectionTemplateId: template?.id ?? -1,
    integrationFolderId: integration.id,
  };
}

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

function password(random: () => number): string {
  const chars = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789!#%';
  return Array.from({ length: 18 }, () => chars[Math.floor(random() * chars.length)]).join('');
}
