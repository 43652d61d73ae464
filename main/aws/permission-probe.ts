import { randomUUID } from 'node:crypto';
import {
  DescribeSecretCommand,
  GetSecretValueCommand,
  ListSecretVersionIdsCommand,
  ListSecretsCommand,
  PutSecretValueCommand,
  UpdateSecretVersionStageCommand,
  type SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { ContractError, type ErrorCode } from '../../contract/errors';
import { call, type CallOptions, type SendOptions } from './call';

/** The Secrets Manager actions of seed 004's least-privilege policy (List, Read, Write levels). */
export const SEED_004_ACTIONS = [
  'ListSecrets',
  'DescribeSecret',
  'GetSecretValue',
  'ListSecretVersionIds',
  'CreateSecret',
  'PutSecretValue',
  'UpdateSecretVersionStage',
] as const;

/** One of the probed actions. */
export type ProbedAction = (typeof SEED_004_ACTIONS)[number];

/** The verdict for one action: `unverified` when no call can test it without changing anything. */
export interface PermissionResult {
  readonly action: ProbedAction;
  readonly iamAction: string;
  readonly status: 'pass' | 'fail' | 'unverified' | 'error';
  readonly message: string;
  /** What to change, in words, when the status is not `pass`. */
  readonly fix?: string;
  readonly code?: ErrorCode;
}

type Probe = (client: SecretsManagerClient, name: string, o: SendOptions) => Promise<unknown>;

// Each probe targets a name that cannot exist, so "not found" proves the action is allowed and nothing changes.
const PROBES: Readonly<Record<ProbedAction, Probe | null>> = {
  ListSecrets: (c, _n, o) => c.send(new ListSecretsCommand({ MaxResults: 1 }), o),
  DescribeSecret: (c, n, o) => c.send(new DescribeSecretCommand({ SecretId: n }), o),
  GetSecretValue: (c, n, o) => c.send(new GetSecretValueCommand({ SecretId: n }), o),
  ListSecretVersionIds: (c, n, o) => c.send(new ListSecretVersionIdsCommand({ SecretId: n, MaxResults: 1 }), o),
  PutSecretValue: (c, n, o) =>
    c.send(new PutSecretValueCommand({ SecretId: n, SecretString: 'probe', ClientRequestToken: randomUUID() }), o),
  UpdateSecretVersionStage: (c, n, o) =>
    c.send(new UpdateSecretVersionStageCommand({ SecretId: n, VersionStage: 'AWSPENDING', MoveToVersionId: randomUUID() }), o),
  // No call can test CreateSecret without creating a secret: Secrets Manager has no dry run.
  CreateSecret: null,
};

const LEVEL: Readonly<Record<ProbedAction, string>> = {
  ListSecrets: 'List',
  DescribeSecret: 'Read',
  GetSecretValue: 'Read',
  ListSecretVersionIds: 'Read',
  CreateSecret: 'Write',
  PutSecretValue: 'Write',
  UpdateSecretVersionStage: 'Write',
};

function fixFor(action: ProbedAction): string {
  const resource =
    action === 'ListSecrets'
      ? '"Resource": "*" (ListSecrets has no resource type)'
      : 'the secrets it must reach, e.g. arn:aws:secretsmanager:<region>:<account>:secret:<prefix>*';
  return `Add "secretsmanager:${action}" (${LEVEL[action]} access level) to the IAM policy attached to this user or its group, with ${resource}.`;
}

/**
 * Probes the seed 004 actions with calls that cannot change anything: ListSecrets with one result,
 * and the per-secret actions against a random name that does not exist — ResourceNotFound means
 * allowed, AccessDenied means not. CreateSecret is reported as unverified.
 */
export async function probeSecretsManagerPermissions(
  client: SecretsManagerClient,
  opts: CallOptions & { probeName?: string } = {},
): Promise<PermissionResult[]> {
  const name = opts.probeName ?? `engine-console/permission-probe/${randomUUID()}`;
  const results: PermissionResult[] = [];
  let fatal: ContractError | undefined;
  for (const action of SEED_004_ACTIONS) {
    const iamAction = `secretsmanager:${action}`;
    const probe = PROBES[action];
    if (!probe) {
      results.push({
        action,
        iamAction,
        status: 'unverified',
        message: 'Cannot be tested without creating a secret; it is checked by the first push.',
        fix: fixFor(action),
      });
      continue;
    }
    if (fatal) {
      results.push({ action, iamAction, status: 'error', code: fatal.code, message: fatal.message });
      continue;
    }
    try {
      await call(client, { operation: action, secretId: name }, opts, (o) => probe(client, name, o));
      results.push({ action, iamAction, status: 'pass', message: 'Allowed.' });
    } catch (err) {
      const e = err instanceof ContractError ? err : new ContractError('INTERNAL', String(err));
      if (e.code === 'CANCELLED') throw e;
      if (e.code === 'NOT_FOUND')
        results.push({ action, iamAction, status: 'pass', message: 'Allowed (the probe name does not exist, as intended).' });
      else if (e.code === 'ACCESS_DENIED')
        results.push({ action, iamAction, status: 'fail', code: e.code, message: e.message, fix: fixFor(action) });
      else {
        results.push({ action, iamAction, status: 'error', code: e.code, message: e.message });
        // Bad keys or no network fail every probe the same way: stop calling AWS.
        if (e.code === 'UNAUTHENTICATED' || e.code === 'NETWORK' || e.code === 'TLS' || e.code === 'TIMEOUT') fatal = e;
      }
    }
  }
  return results;
}
