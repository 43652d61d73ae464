import type { ContractError } from '../../contract/errors';
import type { HttpClient, HttpRequest, HttpResponse } from './client';
import { httpError, safeUrl, statusError } from './errors';

/** True when the body is an HTML page (a login page, IIS error or proxy notice) rather than data. */
export function isHtml(res: HttpResponse): boolean {
  const type = res.headers['content-type'] ?? '';
  return /text\/html|application\/xhtml/i.test(type) || /^\s*(<!doctype html|<html)/i.test(res.text);
}

/** The error for an HTML page where JSON was expected; says what to check. */
export function htmlError(res: HttpResponse, secrets: readonly string[] = []): ContractError {
  const title = /<title>([^<]{1,120})<\/title>/i.exec(res.text)?.[1]?.trim();
  return httpError(
    'BAD_RESPONSE',
    `The server answered with an HTML page instead of JSON — check the base URL (${safeUrl(res.url)})` +
      `${title ? `; the page says "${title}"` : ''} (HTTP ${res.status}).`,
    { details: { status: res.status, url: safeUrl(res.url) }, secrets },
  );
}

/** Parses a JSON body; an empty body gives `undefined`, HTML or garbage gives BAD_RESPONSE. */
export function parseJson<T>(res: HttpResponse, secrets: readonly string[] = []): T {
  if (isHtml(res)) throw htmlError(res, secrets);
  if (res.text.trim() === '') return undefined as T;
  try {
    return JSON.parse(res.text) as T;
  } catch {
    throw httpError(
      'BAD_RESPONSE',
      `The server answered with something that is not JSON (HTTP ${res.status}) — check the base URL (${safeUrl(res.url)}).`,
      {
        details: { status: res.status, url: safeUrl(res.url) },
        secrets,
      },
    );
  }
}

/** Best-effort message from a JSON error body (`message`, OAuth `error_description`/`error`, RFC 7807 `title`). */
export function serverMessage(body: unknown): string | undefined {
  if (typeof body === 'string') return body.slice(0, 300) || undefined;
  if (!body || typeof body !== 'object') return undefined;
  const b = body as Record<string, unknown>;
  for (const key of ['message', 'error_description', 'error', 'title', 'detail']) {
    const v = b[key];
    if (typeof v === 'string' && v) return v;
  }
  return undefined;
}

/** Turns a non-2xx answer into a ContractError with a generic reading of its body. */
export function responseError(res: HttpResponse, secrets: readonly string[] = []): ContractError {
  if (isHtml(res)) return htmlError(res, secrets);
  if (res.status >= 300 && res.status < 400) {
    return httpError(
      'BAD_RESPONSE',
      `The server redirected to ${res.headers.location ?? 'another page'} — check the base URL (${safeUrl(res.url)}).`,
      {
        details: { status: res.status, url: safeUrl(res.url) },
        secrets,
      },
    );
  }
  let body: unknown;
  try {
    body = res.text ? JSON.parse(res.text) : undefined;
  } catch {
    body = res.text;
  }
  const retryAfter = res.headers['retry-after'];
  return statusError(res.status, res.url, serverMessage(body), retryAfter ? { retryAfter } : {}, secrets);
}

/** Sends a request and returns its parsed JSON body; any non-2xx becomes a ContractError. */
export async function requestJson<T>(client: HttpClient, req: HttpRequest): Promise<T> {
  const res = await client.request(req);
  if (res.status < 200 || res.status >= 300) throw responseError(res, client.secrets());
  return parseJson<T>(res, client.secrets());
}
