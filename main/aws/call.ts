import { createHash } from 'node:crypto';
import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { ContractError } from '../../contract/errors';
import { toContractError } from './errors';
import { cancelled } from '../shared/errors';

/** Largest SecretString / SecretBinary Secrets Manager accepts, in bytes (64 KB). */
export const MAX_SECRET_BYTES = 65_536;

/** Options every call accepts. */
export interface CallOptions {
  readonly signal?: AbortSignal;
}

/** What `call` hands to the SDK's `send` as its second argument. */
export type SendOptions = { abortSignal?: AbortSignal };

/** Runs one SDK call and maps any failure to a ContractError naming the operation. */
export async function call<T>(
  client: SecretsManagerClient,
  ctx: { operation: string; secretId?: string },
  opts: CallOptions,
  run: (sendOpts: SendOptions) => Promise<T>,
): Promise<T> {
  try {
    return await run(opts.signal ? { abortSignal: opts.signal } : {});
  } catch (err) {
    if (opts.signal?.aborted) throw cancelled('Cancelled', { cause: err });
    const endpoint = await client.config
      .endpoint?.()
      .then((e) => `${e.protocol}//${e.hostname}${e.port ? `:${e.port}` : ''}`)
      .catch(() => undefined);
    throw toContractError(err, { ...ctx, ...(endpoint ? { endpoint } : {}) });
  }
}

/** Checks a value before it is sent: one of string or binary, at most 64 KB, so the user gets a clear VALIDATION error. */
export function checkSecretValue(value: string | Uint8Array, field = 'value'): { SecretString: string } | { SecretBinary: Uint8Array } {
  const bytes = typeof value === 'string' ? Buffer.byteLength(value, 'utf8') : value.byteLength;
  if (bytes === 0)
    throw new ContractError('VALIDATION', 'The secret value is empty; AWS Secrets Manager needs at least 1 byte.', { details: { field } });
  if (bytes > MAX_SECRET_BYTES) {
    throw new ContractError(
      'VALIDATION',
      `The secret value is ${bytes.toLocaleString('en-US')} bytes; AWS Secrets Manager accepts at most 65,536 bytes (64 KB) per secret. Split it or store a reference instead.`,
      { details: { field, bytes, limit: MAX_SECRET_BYTES } },
    );
  }
  return typeof value === 'string' ? { SecretString: value } : { SecretBinary: value };
}

const NAME_RE = /^[A-Za-z0-9/_+=.@-]{1,512}$/;

/** Checks a new secret's name against AWS's rules (letters, digits, `/_+=.@-`, 1–512). */
export function checkSecretName(name: string): void {
  if (!NAME_RE.test(name)) {
    throw new ContractError('VALIDATION', `"${name}" is not a valid AWS secret name: use 1–512 letters, digits and / _ + = . @ - only.`, {
      details: { field: 'name' },
    });
  }
}

/** Checks a ClientRequestToken (32–64 characters); it becomes the VersionId. */
export function checkClientRequestToken(token: string): void {
  if (token.length < 32 || token.length > 64) {
    throw new ContractError('VALIDATION', `ClientRequestToken must be 32–64 characters (got ${token.length}).`, {
      details: { field: 'clientRequestToken' },
    });
  }
}

/**
 * A deterministic ClientRequestToken (UUID-shaped, name-based) from stable parts such as the
 * Secret Server secret id and a content hash: a retried or resumed push then writes no duplicate version.
 */
export function deriveClientRequestToken(...parts: readonly string[]): string {
  const h = createHash('sha256').update(parts.join('\u0000')).digest('hex');
  const variant = ((parseInt(h.charAt(16), 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
