/** Why an upstream Secret Server call failed; `unreachable` covers DNS, refused connections and injected faults. */
export type UpstreamFailure =
  { readonly kind: 'rejected'; readonly status: number } | { readonly kind: 'unreachable'; readonly reason: string };

/** The result of one upstream call. */
export type UpstreamResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly failure: UpstreamFailure };

/** What the cache keeps from a Secret Server login. */
export interface UpstreamToken {
  readonly accessToken: string;
  readonly expiresAt: number;
}

const trim = (baseUrl: string): string => baseUrl.replace(/\/+$/, '');

/** `POST <BaseUrl>/oauth2/token` with the password grant, as the cache does on behalf of its caller. */
export async function upstreamLogin(
  baseUrl: string,
  creds: { username: string; password: string; domain?: string },
  now: number,
): Promise<UpstreamResult<UpstreamToken>> {
  const form = new URLSearchParams({ grant_type: 'password', username: creds.username, password: creds.password });
  if (creds.domain) form.set('domain', creds.domain);
  try {
    const res = await fetch(`${trim(baseUrl)}/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form.toString(),
    });
    const text = await res.text();
    if (!res.ok) return { ok: false, failure: { kind: 'rejected', status: res.status } };
    const body = JSON.parse(text) as { access_token?: unknown; expires_in?: unknown };
    if (typeof body.access_token !== 'string')
      return { ok: false, failure: { kind: 'unreachable', reason: 'no access_token in the answer' } };
    const ttl = typeof body.expires_in === 'number' ? body.expires_in : 1200;
    return { ok: true, value: { accessToken: body.access_token, expiresAt: now + ttl * 1000 } };
  } catch (err) {
    return { ok: false, failure: { kind: 'unreachable', reason: reasonOf(err) } };
  }
}

/** `GET <BaseUrl>/api/v1/secrets/{id}` with the upstream token; the body is kept as Secret Server sent it. */
export async function upstreamSecret(baseUrl: string, accessToken: string, secretId: string): Promise<UpstreamResult<unknown>> {
  try {
    const res = await fetch(`${trim(baseUrl)}/api/v1/secrets/${encodeURIComponent(secretId)}`, {
      headers: { authorization: `Bearer ${accessToken}`, accept: 'application/json' },
    });
    const text = await res.text();
    if (!res.ok) return { ok: false, failure: { kind: 'rejected', status: res.status } };
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (err) {
    return { ok: false, failure: { kind: 'unreachable', reason: reasonOf(err) } };
  }
}

/** A short description of an upstream failure for log lines. */
export function describeFailure(f: UpstreamFailure): string {
  switch (f.kind) {
    case 'rejected':
      return `Secret Server answered HTTP ${f.status}`;
    case 'unreachable':
      return `Secret Server unreachable (${f.reason})`;
    default: {
      const never: never = f;
      return String(never);
    }
  }
}

function reasonOf(err: unknown): string {
  const cause = (err as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (err instanceof Error ? err.message : String(err));
}
