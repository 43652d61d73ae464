import { ContractError } from '../../../contract/errors';
import type { StageCheck } from '../../../contract/channels/connections';
import { createDispatcher, createHttpClient, isHtml, safeUrl, type ProxyAuth } from '../../http';
import { getCurrentUser, type SecretServerClient } from '../../secret-server';
import { fail, pass, STAGE_LABELS, type StageOutcome, type StagePlan } from './stage';
import { lowStages } from './low-stages';

/** The role permissions seed 000 asks of the application account. */
export const REQUIRED_SS_PERMISSIONS = ['Administer Secret Server Pipelines', 'Administer Secret Server Scripts', 'View Secret'] as const;

/** What the Secret Server plan needs. */
export interface SecretServerTarget {
  readonly baseUrl: string;
  readonly username: string;
  readonly domain?: string;
  readonly caFile?: string;
  readonly proxyUrl?: string;
  readonly proxyAuth?: ProxyAuth;
  /** Builds the authenticated client (lazily, so a bad CA file fails in its own stage). */
  client(): Promise<SecretServerClient>;
}

/** DNS → TCP → TLS → HTTP (healthcheck JSON) → sign-in → the three seed 000 permissions. */
export function secretServerPlan(t: SecretServerTarget): StagePlan[] {
  let client: SecretServerClient | undefined;
  const getClient = async () => (client ??= await t.client());
  const base = t.baseUrl.replace(/\/+$/, '');
  const who = t.domain ? `${t.domain}\\${t.username}` : t.username;
  return [
    ...lowStages({ url: base, caFile: t.caFile, proxyUrl: t.proxyUrl, proxyAuth: t.proxyAuth }),
    { id: 'http', label: STAGE_LABELS.http, run: (signal) => httpStage(base, t, signal) },
    {
      id: 'auth',
      label: STAGE_LABELS.auth,
      run: async (signal) => {
        try {
          await (await getClient()).session.token(signal);
          return pass(`Signed in as ${who} (OAuth2 password grant).`);
        } catch (err) {
          if (err instanceof ContractError && err.code === 'UNAUTHENTICATED') {
            return fail(
              `${err.message}`,
              `Wrong username or password for ${who} — check the password, or the domain field (leave it empty for a local account; use the AD domain for a domain account). If two-factor sign-in is on for this account, use an application account without it.`,
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
        const me = await getCurrentUser(await getClient(), signal);
        const held = new Set((me.permissions ?? []).map((p) => String(p.name ?? '').toLowerCase()));
        const checks: StageCheck[] = REQUIRED_SS_PERMISSIONS.map((name) =>
          held.has(name.toLowerCase()) ? { name, status: 'pass' } : { name, status: 'fail', message: `${who} does not hold "${name}".` },
        );
        const missing = checks.filter((c) => c.status === 'fail').map((c) => c.name);
        if (!missing.length) return pass(`${who} holds all ${REQUIRED_SS_PERMISSIONS.length} permissions this console needs.`, checks);
        return fail(
          `${who} is missing ${missing.map((m) => `"${m}"`).join(', ')}.`,
          `In Secret Server open Access > Roles, edit the role of ${who} (Permissions tab, scope All) and add ${missing.join(', ')}; or assign a role that has them (Access > Users > ${t.username} > Roles).`,
          checks,
        );
      },
    },
  ];
}

async function httpStage(base: string, t: SecretServerTarget, signal: AbortSignal): Promise<StageOutcome> {
  const url = `${base}/api/v1/healthcheck`;
  // A fresh dispatcher, like every client of Test connection; closed once the answer is read.
  const dispatcher = await createDispatcher({ caFile: t.caFile, proxyUrl: t.proxyUrl, proxyAuth: t.proxyAuth });
  const http = createHttpClient({ dispatcher, timeoutMs: 15_000, retry: { maxAttempts: 1 } });
  const res = await http.request({ method: 'GET', url, signal }).finally(() => dispatcher.close().catch(() => undefined));
  if (isHtml(res)) {
    const title = /<title>([^<]{1,120})<\/title>/i.exec(res.text)?.[1]?.trim();
    return fail(
      `${safeUrl(url)} answered HTTP ${res.status} with an HTML page${title ? ` ("${title}")` : ''} where JSON was expected.`,
      'The base URL is probably wrong: it must be the application root, e.g. https://server/SecretServer (on-premises) or https://tenant.secretservercloud.com — without /api or /login.aspx.',
    );
  }
  if (res.status === 404)
    return fail(
      `${safeUrl(url)} answered 404.`,
      'The base URL does not point at Secret Server. Check the application path (often /SecretServer).',
    );
  if (res.status >= 300 && res.status < 400)
    return fail(
      `${safeUrl(url)} redirects to ${res.headers.location ?? 'another page'}.`,
      'Use the URL the server redirects to (often https:// instead of http://) as the base URL.',
    );
  if (res.status >= 500)
    return fail(
      `Secret Server answered ${res.status} on its health check.`,
      'Secret Server itself reports a problem: check its application server, database and IIS logs.',
    );
  let healthy: boolean | undefined;
  try {
    healthy = (JSON.parse(res.text) as { healthy?: boolean }).healthy;
  } catch {
    return fail(
      `${safeUrl(url)} answered ${res.status} with something that is not JSON.`,
      'Check the base URL; a proxy or load balancer may answer instead of Secret Server.',
    );
  }
  if (healthy === false)
    return {
      status: 'warn',
      detail: `Secret Server answered, but reports itself unhealthy (HTTP ${res.status}).`,
      fix: 'Check the Secret Server health page: database, service bus or storage.',
    };
  return pass(`Secret Server answered its health check (HTTP ${res.status}, JSON).`);
}
