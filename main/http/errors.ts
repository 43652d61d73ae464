import { ContractError, type ErrorCode } from '../../contract/errors';
import { redact } from '../shared/redact';
import { errorMessage } from '../shared/errors';

const SENSITIVE_QUERY = /token|password|secret|key|otp|code/i;

/** The URL as it may appear in errors and logs: no userinfo, sensitive query values masked. */
export function safeUrl(url: string | URL): string {
  try {
    const u = new URL(url.toString());
    u.username = '';
    u.password = '';
    for (const key of [...u.searchParams.keys()]) if (SENSITIVE_QUERY.test(key)) u.searchParams.set(key, '[redacted]');
    return redact(u.toString());
  } catch {
    return redact(String(url));
  }
}

/** Extra fields for an HTTP error; `field` names the offending input when the server said so. */
export interface HttpErrorDetails {
  readonly status?: number;
  readonly url?: string;
  readonly field?: string;
  readonly errorCode?: string;
  readonly retryAfterMs?: number;
  readonly [key: string]: unknown;
}

/** Builds a ContractError whose message and details are scrubbed of credentials. */
export function httpError(
  code: ErrorCode,
  message: string,
  opts: { retryable?: boolean; details?: HttpErrorDetails; cause?: unknown; secrets?: readonly string[] } = {},
): ContractError {
  const secrets = opts.secrets ?? [];
  const details: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(opts.details ?? {})) {
    if (v !== undefined) details[k] = typeof v === 'string' ? redact(v, secrets) : v;
  }
  return new ContractError(code, redact(message, secrets), {
    retryable: opts.retryable ?? false,
    details,
    cause: opts.cause,
  });
}

/** The contract code and retry hint for an HTTP status outside 2xx. */
export function codeForStatus(status: number): { code: ErrorCode; retryable: boolean } {
  if (status === 400 || status === 422) return { code: 'VALIDATION', retryable: false };
  if (status === 401) return { code: 'UNAUTHENTICATED', retryable: false };
  if (status === 403) return { code: 'ACCESS_DENIED', retryable: false };
  if (status === 404 || status === 410) return { code: 'NOT_FOUND', retryable: false };
  if (status === 408) return { code: 'TIMEOUT', retryable: true };
  if (status === 409 || status === 412) return { code: 'CONFLICT', retryable: false };
  if (status === 429) return { code: 'THROTTLED', retryable: true };
  if (status === 502 || status === 503 || status === 504) return { code: 'UNAVAILABLE', retryable: true };
  if (status >= 500) return { code: 'UNAVAILABLE', retryable: false };
  return { code: 'BAD_RESPONSE', retryable: false };
}

/** An error for a non-2xx answer; `serverMessage` is what the server said, if anything. */
export function statusError(
  status: number,
  url: string,
  serverMessage?: string,
  extra: HttpErrorDetails = {},
  secrets: readonly string[] = [],
): ContractError {
  const { code, retryable } = codeForStatus(status);
  const host = hostOf(url);
  const said = serverMessage ? `: ${serverMessage}` : '';
  return httpError(code, `${host} answered ${status}${said}`, { retryable, details: { status, url: safeUrl(url), ...extra }, secrets });
}

const TLS_CODES = /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)|ALTNAME|EPROTO|HOSTNAME/i;

/** Finds the most specific error code in an error and its `cause` chain. */
export function errorCodeOf(err: unknown): string | undefined {
  let cur: unknown = err;
  for (let depth = 0; cur && depth < 5; depth++) {
    const code = (cur as { code?: unknown }).code;
    if (typeof code === 'string' && code !== 'UND_ERR_SOCKET') return code;
    cur = (cur as { cause?: unknown }).cause;
  }
  return (err as { code?: string } | undefined)?.code;
}

/** Maps a transport failure (no HTTP answer) to NETWORK / TLS / TIMEOUT. */
export function transportError(err: unknown, url: string, secrets: readonly string[] = []): ContractError {
  const code = errorCodeOf(err) ?? 'unknown';
  const host = hostOf(url);
  const details = { url: safeUrl(url), errno: code };
  const reason = errorMessage(err);
  if (TLS_CODES.test(code) || /certificate|self.signed|tls|ssl/i.test(reason)) {
    return httpError(
      'TLS',
      `TLS certificate check failed for ${host} (${code}): ${reason}. Trust the issuing CA in the profile or fix the server certificate.`,
      {
        details,
        cause: err,
        secrets,
      },
    );
  }
  if (/TIMEOUT|ETIMEDOUT/i.test(code)) {
    return httpError('TIMEOUT', `${host} did not answer in time (${code}).`, { retryable: true, details, cause: err, secrets });
  }
  const why: Record<string, string> = {
    ECONNREFUSED: 'connection refused — is the service running and the port right?',
    ENOTFOUND: 'host name not found (DNS)',
    EAI_AGAIN: 'DNS lookup failed temporarily',
    ECONNRESET: 'the connection was reset',
    EHOSTUNREACH: 'host unreachable',
    ENETUNREACH: 'network unreachable',
    UND_ERR_CLOSED: 'the connection was closed',
  };
  return httpError('NETWORK', `Could not reach ${host}: ${why[code] ?? reason} (${code}).`, {
    retryable: true,
    details,
    cause: err,
    secrets,
  });
}

/** Host and port of a URL for messages ("server.example:443"). */
export function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'the server';
  }
}
