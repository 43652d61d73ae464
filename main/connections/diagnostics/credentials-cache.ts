import { ContractError } from '../../../contract/errors';
import type { CacheApi } from '../../credentials-cache';
import type { CacheTokenCredentials } from '../resolve';
import type { ProxyAuth } from '../../http';
import { lowStages } from './low-stages';
import { fail, pass, STAGE_LABELS, type StagePlan } from './stage';

/** What the Credentials Cache plan needs. */
export interface CacheTarget {
  readonly url: string;
  readonly caFile?: string;
  readonly proxyUrl?: string;
  readonly proxyAuth?: ProxyAuth;
  /** Undefined when no Secret Server profile is linked (the token stage then says so). */
  readonly creds?: CacheTokenCredentials;
  api(): Promise<CacheApi>;
  /** Optional check that the token's account may view secrets (through its Secret Server profile). */
  viewSecretCheck?: (signal: AbortSignal) => Promise<boolean>;
}

/** DNS → TCP → TLS → swagger page → token from `/api/token` → the account can view secrets. */
export function credentialsCachePlan(t: CacheTarget): StagePlan[] {
  let api: CacheApi | undefined;
  const getApi = async () => (api ??= await t.api());
  return [
    ...lowStages({ url: t.url, caFile: t.caFile, proxyUrl: t.proxyUrl, proxyAuth: t.proxyAuth }),
    {
      id: 'http',
      label: STAGE_LABELS.http,
      run: async (signal) => {
        const r = await (await getApi()).swagger(signal);
        if (r.ok) return pass(`The Swagger page answered (HTTP ${r.status ?? 200}).`);
        return fail(
          r.message ?? `${t.url}/swagger/index.html answered HTTP ${r.status ?? '?'}.`,
          r.status === 404
            ? 'The URL does not point at the Credentials Cache application. Include its virtual folder if it has one (e.g. https://host/DelineaCredCache).'
            : 'The service answers but not normally: check the IIS application pool or the service, and its log (LogPath in appsettings.json).',
        );
      },
    },
    {
      id: 'auth',
      label: STAGE_LABELS.auth,
      run: async (signal) => {
        if (!t.creds) {
          return fail(
            'No Secret Server profile is linked, so no token can be requested.',
            'Edit this instance and choose the Secret Server profile (the application account) its token uses.',
          );
        }
        try {
          await (await getApi()).token(t.creds, signal);
          return pass(`Token obtained from /api/token for ${t.creds.username}.`);
        } catch (err) {
          if (err instanceof ContractError && (err.code === 'UNAUTHENTICATED' || err.code === 'ACCESS_DENIED')) {
            return fail(
              err.message,
              `Check the password of ${t.creds.username} (and the domain field), and that the cache can reach Secret Server at ${t.creds.baseUrl} — the cache signs in there on your behalf.`,
            );
          }
          throw err;
        }
      },
    },
    {
      id: 'permissions',
      label: STAGE_LABELS.permissions,
      run: async (signal) => {
        if (!t.viewSecretCheck) return { status: 'skipped', detail: 'No Secret Server profile to check the account’s permissions with.' };
        const ok = await t.viewSecretCheck(signal);
        if (ok)
          return pass(`${t.creds?.username ?? 'The account'} holds "View Secret", so the cache can fetch changed secrets.`, [
            { name: 'View Secret', status: 'pass' },
          ]);
        return fail(
          `${t.creds?.username ?? 'The account'} lacks "View Secret": the cache will get a token but cannot read secrets.`,
          'Add "View Secret" to the role of the application account (Access > Roles), and share the secrets (or their folder) with it with View.',
          [{ name: 'View Secret', status: 'fail' }],
        );
      },
    },
  ];
}
