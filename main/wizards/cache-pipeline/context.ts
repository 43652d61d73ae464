import { ContractError } from '../../../contract/errors';
import type { CachePipelineInputs } from '../../../contract/channels/setup';
import type { ActivityService } from '../../activity/service';
import type { ConnectionService } from '../../connections/service';
import { cacheTokenCredentials, type CacheTokenCredentials, type Of } from '../../connections/resolve';
import type { LogService } from '../../logs/service';
import { fingerprint } from '../../plans';
import { getCurrentUser, type SecretServerClient } from '../../secret-server';

/** What the cache-pipeline wizard is built from (the composition root passes them). */
export interface CachePipelineDeps {
  readonly connections: Pick<ConnectionService, 'store' | 'clients'>;
  readonly logs: LogService;
  readonly activity?: Pick<ActivityService, 'run'>;
  /** Key of the plan fingerprints. */
  readonly fingerprintKey: () => Buffer;
  /** Verify: how long to wait for the canary run (default 3 min) and for each cache's log line (default 15 s). */
  readonly verifyTimeouts?: { readonly runMs?: number; readonly logMs?: number; readonly pollMs?: number };
}

/** One Credentials Cache instance of the wizard, with the credentials its connection secret carries. */
export interface WizardCache {
  readonly profile: Of<'credentials-cache'>;
  readonly creds: CacheTokenCredentials | undefined;
  /** "Credentials Cache connection - <name>". */
  readonly secretName: string;
  /** "Refresh Credentials Cache - <name>". */
  readonly pipelineName: string;
}

/** The steps' context: inputs, the admin's client and permissions, the caches, and what earlier checks planned. */
export interface CacheCtx {
  readonly inputs: CachePipelineInputs;
  readonly deps: CachePipelineDeps;
  readonly profile: Of<'secret-server'>;
  readonly client: SecretServerClient;
  /** Permission names of the signed-in account. */
  readonly permissions: ReadonlySet<string>;
  readonly caches: readonly WizardCache[];
  readonly targetFolders: readonly string[];
  /** Filled by the template step's check: the slugs of the template actually used (existing or to be created). */
  planned: { templateSlugs?: readonly string[]; passwordSlugs?: readonly string[] };
  /** True when the account holds `name` (or Unlimited Administration). */
  can(name: string): boolean;
  fp(value: string): string;
}

/** Resolves the inputs: the Secret Server profile (an admin account), its client and permissions, the cache profiles. */
export async function cachePipelineContext(deps: CachePipelineDeps, inputs: CachePipelineInputs, signal: AbortSignal): Promise<CacheCtx> {
  const { store, clients } = deps.connections;
  const profile = store.find(inputs.secretServerProfileId);
  if (!profile || profile.kind !== 'secret-server')
    throw new ContractError('NOT_FOUND', `No Secret Server profile "${inputs.secretServerProfileId}".`, {
      details: { field: 'secretServerProfileId' },
    });
  const caches = inputs.credentialsCacheProfileIds.map((id): WizardCache => {
    const p = store.find(id);
    if (!p || p.kind !== 'credentials-cache')
      throw new ContractError('NOT_FOUND', `No Credentials Cache profile "${id}".`, { details: { field: 'credentialsCacheProfileIds' } });
    return {
      profile: p,
      creds: cacheTokenCredentials(store, p),
      secretName: `Credentials Cache connection - ${p.name}`,
      pipelineName: `Refresh Credentials Cache - ${p.name}`,
    };
  });
  const client = await clients.secretServer(profile);
  const me = await getCurrentUser(client, signal);
  const permissions = new Set((me.permissions ?? []).map((p) => p.name ?? ''));
  const key = deps.fingerprintKey();
  return {
    inputs,
    deps,
    profile,
    client,
    permissions,
    caches,
    targetFolders: inputs.targetFolders ?? [inputs.folder],
    planned: {},
    can: (name) => permissions.has(name) || permissions.has('Unlimited Administration'),
    fp: (value) => fingerprint(value, key),
  };
}
