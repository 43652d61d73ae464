import { ContractError, type ErrorCode } from '../../contract/errors';
import { redact } from '../shared/redact';
import { errorCodeOf, transportError } from '../http';
import { cancelled } from '../shared/errors';

/** What the mapper knows about the call that failed, for messages and details. */
export interface AwsCallContext {
  readonly operation?: string;
  readonly secretId?: string;
  /** The endpoint URL, for network errors ("could not reach …"). */
  readonly endpoint?: string;
}

interface SdkErrorLike {
  readonly name?: string;
  readonly message?: string;
  readonly code?: string;
  readonly $metadata?: { readonly httpStatusCode?: number; readonly requestId?: string; readonly attempts?: number };
}

const UNAUTHENTICATED = new Set([
  'UnrecognizedClientException',
  'InvalidSignatureException',
  'MissingAuthenticationTokenException',
  'IncompleteSignatureException',
  'ExpiredTokenException',
  'InvalidClientTokenId',
  'SignatureDoesNotMatch',
  'CredentialsProviderError',
]);
const THROTTLING = new Set(['ThrottlingException', 'Throttling', 'TooManyRequestsException', 'RequestLimitExceeded']);
const SERVER = new Set(['InternalServiceError', 'InternalFailure', 'ServiceUnavailable', 'ServiceUnavailableException']);

/** The contract code and retry hint for an AWS error name (`e.name`, never `instanceof`: unmodelled errors share one class). */
export function codeForAwsError(name: string, status?: number): { code: ErrorCode; retryable: boolean } {
  if (name === 'ResourceNotFoundException') return { code: 'NOT_FOUND', retryable: false };
  if (name === 'AccessDeniedException' || name === 'EncryptionFailure' || name === 'DecryptionFailure')
    return { code: 'ACCESS_DENIED', retryable: false };
  if (THROTTLING.has(name)) return { code: 'THROTTLED', retryable: true };
  // A Secrets Manager quota such as versions per secret: waiting does not help.
  if (name === 'LimitExceededException') return { code: 'THROTTLED', retryable: false };
  if (UNAUTHENTICATED.has(name)) return { code: 'UNAUTHENTICATED', retryable: false };
  if (name === 'ResourceExistsException' || name === 'InvalidRequestException' || name === 'PreconditionNotMetException')
    return { code: 'CONFLICT', retryable: false };
  if (
    name === 'InvalidParameterException' ||
    name === 'ValidationException' ||
    name === 'InvalidNextTokenException' ||
    name === 'MalformedPolicyDocumentException'
  ) {
    return { code: 'VALIDATION', retryable: false };
  }
  if (SERVER.has(name) || (status !== undefined && status >= 500)) return { code: 'UNAVAILABLE', retryable: true };
  if (name === 'TimeoutError' || name === 'RequestTimeout') return { code: 'TIMEOUT', retryable: true };
  return { code: 'BAD_RESPONSE', retryable: false };
}

/** A hint in words for the errors an admin can fix. */
function hint(name: string, ctx: AwsCallContext): string {
  switch (name) {
    case 'UnrecognizedClientException':
      return ' The access key ID is not known to AWS: check the key in the profile or the Amazon IAM Key secret.';
    case 'InvalidSignatureException':
    case 'SignatureDoesNotMatch':
      return ' The secret access key does not match the access key ID (or the clock is far off).';
    case 'CredentialsProviderError':
      return ' No AWS credentials were found: set static keys or a Secret Server "Amazon IAM Key" secret in the profile.';
    case 'AccessDeniedException':
      return ctx.operation ? ` Add secretsmanager:${ctx.operation} to the IAM policy of this user or group.` : '';
    case 'LimitExceededException':
      return ' A Secrets Manager quota is full (often: too many versions of this secret); retrying will not help.';
    case 'InvalidRequestException':
      return ' The secret may be scheduled for deletion: restore it in AWS first.';
    case 'DecryptionFailure':
    case 'EncryptionFailure':
      return ' The KMS key is disabled or kms:Decrypt / kms:GenerateDataKey is missing.';
    default:
      return '';
  }
}

/** Maps anything an SDK call throws to a ContractError with a redacted message. */
export function toContractError(err: unknown, ctx: AwsCallContext = {}): ContractError {
  if (err instanceof ContractError) return err;
  const e = (err ?? {}) as SdkErrorLike;
  const name = e.name ?? 'Error';
  if (name === 'AbortError') return cancelled('Cancelled', { cause: err });
  const status = e.$metadata?.httpStatusCode;
  const what = ctx.operation ? `AWS ${ctx.operation}${ctx.secretId ? ` (${ctx.secretId})` : ''}` : 'AWS Secrets Manager';
  const details: Record<string, unknown> = {
    awsError: name,
    ...(status !== undefined ? { status } : {}),
    ...(e.$metadata?.requestId ? { requestId: e.$metadata.requestId } : {}),
    ...(e.$metadata?.attempts !== undefined ? { attempts: e.$metadata.attempts } : {}),
    ...(ctx.operation ? { operation: ctx.operation } : {}),
  };
  if (status === undefined && errorCodeOf(err) && name !== 'CredentialsProviderError') {
    const t = transportError(err, ctx.endpoint ?? 'https://secretsmanager.amazonaws.com');
    return new ContractError(t.code, redact(`${what}: ${t.message}`), {
      retryable: t.retryable,
      details: { ...t.details, ...details },
      cause: err,
    });
  }
  if (name === 'SyntaxError' || (status !== undefined && /Deserialization error/i.test(e.message ?? ''))) {
    const code: ErrorCode = status !== undefined && status >= 500 ? 'UNAVAILABLE' : 'BAD_RESPONSE';
    return new ContractError(
      code,
      `${what}: HTTP ${status ?? '?'} with a body that is not AWS JSON (an HTML error page from a proxy or gateway?).`,
      {
        retryable: code === 'UNAVAILABLE',
        details,
        cause: err,
      },
    );
  }
  const { code, retryable } = codeForAwsError(name, status);
  const message = redact(`${what} failed: ${name}: ${(e.message ?? 'no message').replace(/\.$/, '')}.${hint(name, ctx)}`);
  return new ContractError(code, message, { retryable, details, cause: err });
}
