import type { ContractError } from '../../contract/errors';
import { codeForStatus, hostOf, htmlError, httpError, isHtml, safeUrl, type HttpResponse } from '../http';

/** The vendor's error bodies, read loosely (any of them may be partial). */
interface VendorErrorBody {
  readonly message?: string;
  readonly messageDetail?: string;
  readonly errorCode?: string;
  readonly modelState?: Record<string, unknown>;
  readonly exceptionMessage?: string;
  readonly error?: string;
  readonly error_description?: string;
}

/** `args.Data.EventPipelineName` → `data.eventPipelineName`: the field as the console names it. */
export function fieldFromModelState(key: string): string {
  return key
    .replace(/^args\.?/i, '')
    .split('.')
    .filter(Boolean)
    .map((p) => p.charAt(0).toLowerCase() + p.slice(1))
    .join('.');
}

/** Flattens `modelState` into `field: message` pairs. */
export function flattenModelState(modelState: Record<string, unknown> | undefined): Array<{ field: string; message: string }> {
  const out: Array<{ field: string; message: string }> = [];
  for (const [key, value] of Object.entries(modelState ?? {})) {
    const messages = Array.isArray(value) ? value.map(String) : [String(value)];
    for (const message of messages) out.push({ field: fieldFromModelState(key) || 'request', message });
  }
  return out;
}

/** Maps a non-2xx Secret Server answer to a ContractError, naming the field when modelState does. */
export function secretServerError(res: HttpResponse, secrets: readonly string[] = []): ContractError {
  if (isHtml(res)) return htmlError(res, secrets);
  let body: VendorErrorBody = {};
  try {
    const parsed: unknown = res.text ? JSON.parse(res.text) : {};
    if (parsed && typeof parsed === 'object') body = parsed as VendorErrorBody;
    else if (typeof parsed === 'string') body = { message: parsed };
  } catch {
    body = { message: res.text.slice(0, 200) };
  }
  const base = { status: res.status, url: safeUrl(res.url), ...(body.errorCode ? { errorCode: body.errorCode } : {}) };
  const said = body.message ?? body.error_description ?? body.error ?? '';
  if (res.status === 400 && body.errorCode === 'API_AccessDenied') {
    return httpError(
      'ACCESS_DENIED',
      `Secret Server denied access (${new URL(res.url).pathname}): ${said || 'Access Denied'}. The account lacks the role permission or the secret/folder permission for this action.`,
      { details: base, secrets },
    );
  }
  const issues = flattenModelState(body.modelState);
  const first = issues[0];
  if (res.status === 400 && first) {
    return httpError('VALIDATION', `${said || 'The request is invalid.'} ${first.field}: ${first.message}`, {
      details: { ...base, field: first.field, issues },
      secrets,
    });
  }
  if (res.status === 500) {
    const detail = body.exceptionMessage && body.exceptionMessage !== said ? ` (${body.exceptionMessage})` : '';
    return httpError('UNAVAILABLE', `Secret Server failed with an internal error: ${said || 'An error has occurred.'}${detail}`, {
      details: base,
      secrets,
    });
  }
  const { code, retryable } = codeForStatus(res.status);
  const mapped = res.status === 403 ? 'UNAUTHENTICATED' : code;
  const text = said || (res.status === 401 || res.status === 403 ? 'Authentication failed' : `HTTP ${res.status}`);
  return httpError(mapped, `${hostOf(res.url)} answered ${res.status}: ${text}${body.errorCode ? ` (${body.errorCode})` : ''}`, {
    retryable,
    details: base,
    secrets,
  });
}
