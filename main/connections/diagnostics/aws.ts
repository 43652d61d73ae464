import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { StageCheck } from '../../../contract/channels/connections';
import { probeSecretsManagerPermissions, type PermissionResult } from '../../aws';
import { createDispatcher, createHttpClient, isHtml, safeUrl, type ProxyAuth } from '../../http';
import { lowStages } from './low-stages';
import { fail, pass, STAGE_LABELS, type StageOutcome, type StagePlan } from './stage';
import { errorMessage } from '../../shared/errors';

/** What the AWS plan needs. */
export interface AwsTarget {
  readonly region: string;
  readonly endpoint?: string;
  readonly caFile?: string;
  readonly proxyUrl?: string;
  readonly proxyAuth?: ProxyAuth;
  /** In words, for messages: "access key …0001", "secret 42 in Secret Server", "the default provider chain". */
  readonly credentialsLabel: string;
  /** Builds the SDK client; for keys kept in Secret Server this reads them first (and may fail). */
  client(signal: AbortSignal): Promise<SecretsManagerClient>;
}

/** The regional Secrets Manager endpoint, or the override (demo/tests). */
export function awsEndpoint(t: Pick<AwsTarget, 'region' | 'endpoint'>): string {
  return t.endpoint ?? `https://secretsmanager.${t.region}.amazonaws.com`;
}

/**
 * DNS → TCP → TLS → HTTP → credentials accepted → the seed 004 actions, probed read-only. The
 * probe runs once: its first answers decide authentication, all of them decide permissions.
 */
export function awsPlan(t: AwsTarget): StagePlan[] {
  const endpoint = awsEndpoint(t);
  let results: Promise<PermissionResult[]> | undefined;
  const probe = (signal: AbortSignal) => (results ??= t.client(signal).then((c) => probeSecretsManagerPermissions(c, { signal })));
  return [
    ...lowStages({ url: endpoint, caFile: t.caFile, proxyUrl: t.proxyUrl, proxyAuth: t.proxyAuth }),
    { id: 'http', label: STAGE_LABELS.http, run: (signal) => httpStage(endpoint, t, signal) },
    {
      id: 'auth',
      label: STAGE_LABELS.auth,
      run: async (signal) => {
        let r: PermissionResult[];
        try {
          r = await probe(signal);
        } catch (err) {
          if (signal.aborted) throw err;
          return fail(
            `Could not get the credentials (${t.credentialsLabel}): ${errorMessage(err)}`,
            'For keys kept in Secret Server: test the Secret Server profile first, and check that the secret id is right and the secret uses the "Amazon IAM Key" template.',
          );
        }
        const fatal = r.find(
          (x) => x.status === 'error' && x.code && ['UNAUTHENTICATED', 'NETWORK', 'TLS', 'TIMEOUT', 'VALIDATION'].includes(x.code),
        );
        if (!fatal) return pass(`AWS accepted the credentials (${t.credentialsLabel}) in ${t.region}.`);
        if (fatal.code === 'UNAUTHENTICATED') {
          return fail(
            fatal.message,
            `AWS does not accept ${t.credentialsLabel}. Check the access key id and secret access key (a copy-paste often adds a space), that the key is Active in IAM > Users > Security credentials, and that the clock of this computer is right.`,
          );
        }
        return fail(fatal.message, 'The credentials could not be used. The message above names the cause.');
      },
    },
    {
      id: 'permissions',
      label: STAGE_LABELS.permissions,
      run: async (signal) => {
        const r = await probe(signal);
        const checks: StageCheck[] = r.map((x) => ({
          name: x.iamAction,
          status: x.status === 'pass' ? 'pass' : x.status === 'unverified' ? 'unverified' : 'fail',
          message: x.message,
        }));
        const bad = r.filter((x) => x.status === 'fail' || x.status === 'error');
        const unverified = r.filter((x) => x.status === 'unverified').map((x) => x.iamAction);
        const note = unverified.length ? ` ${unverified.join(', ')} cannot be checked without writing and is reported as unverified.` : '';
        if (!bad.length) return pass(`Every read-only probe of the seed 004 actions was allowed.${note}`, checks);
        return fail(
          `Denied: ${bad.map((x) => x.iamAction).join(', ')}.`,
          bad[0]?.fix ?? 'Add the denied actions to the IAM policy of this user or its group (seed 004, Module 05).',
          checks,
        );
      },
    },
  ];
}

async function httpStage(endpoint: string, t: AwsTarget, signal: AbortSignal): Promise<StageOutcome> {
  // A fresh dispatcher, like every client of Test connection; closed once the answer is read.
  const dispatcher = await createDispatcher({ caFile: t.caFile, proxyUrl: t.proxyUrl, proxyAuth: t.proxyAuth });
  const http = createHttpClient({ dispatcher, timeoutMs: 15_000, retry: { maxAttempts: 1 } });
  const res = await http
    .request({ method: 'GET', url: `${endpoint.replace(/\/+$/, '')}/`, signal })
    .finally(() => dispatcher.close().catch(() => undefined));
  // Any answer from Secrets Manager is fine here; an HTML error page comes from a proxy or gateway in between.
  if (isHtml(res) && res.status >= 400) {
    const title = /<title>([^<]{1,120})<\/title>/i.exec(res.text)?.[1]?.trim();
    return fail(
      `${safeUrl(endpoint)} answered HTTP ${res.status} with an HTML page${title ? ` ("${title}")` : ''} — not Secrets Manager.`,
      'A proxy or gateway answers instead of AWS. Check the proxy settings of the profile, or the endpoint override.',
    );
  }
  return pass(`${safeUrl(endpoint)} answered over HTTP (${res.status}).`);
}
