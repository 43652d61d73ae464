import { ContractError } from '../../contract/errors';
import { htmlError, httpError, isHtml, parseJson, safeUrl, type HttpClient } from '../http';

/** What a Secret Server connection profile supplies (never read from globals). */
export interface SecretServerProfile {
  /** e.g. `https://ss.corp.example/SecretServer` (no trailing `/api`). */
  readonly baseUrl: string;
  readonly username: string;
  readonly password: string;
  /** AD domain for domain accounts (sent as the `domain` form field). */
  readonly domain?: string;
  /** Supplies a one-time password when 2FA is on (sent as the `otp` header). */
  readonly otp?: () => string | Promise<string>;
}

interface TokenResponse {
  readonly access_token?: string;
  readonly refresh_token?: string;
  readonly expires_in?: number;
}

interface Held {
  readonly accessToken: string;
  readonly refreshToken?: string;
  readonly refreshAt: number;
}

/** Refresh when this share of the token lifetime has passed. */
const REFRESH_AT = 0.8;

/**
 * OAuth2 password-grant session: one token in flight at a time, refreshed at ~80 % of its
 * lifetime (refresh_token grant when issued, password grant otherwise), renewed on demand after
 * a 401/403, expired on sign-out.
 */
export class TokenSession {
  private held: Held | undefined;
  private pending: Promise<Held> | undefined;

  constructor(
    private readonly http: HttpClient,
    private readonly profile: SecretServerProfile,
    private readonly now: () => number = Date.now,
  ) {}

  /** A valid access token, fetching or refreshing as needed. */
  async token(signal?: AbortSignal): Promise<string> {
    const held = this.held;
    if (held && this.now() < held.refreshAt) return held.accessToken;
    return (await this.renew(held?.accessToken, signal)).accessToken;
  }

  /** Renews after the server rejected `rejected`; concurrent callers share one renewal. */
  async renew(rejected: string | undefined, signal?: AbortSignal): Promise<Held> {
    if (this.pending) return this.pending;
    if (this.held && rejected !== undefined && this.held.accessToken !== rejected && this.now() < this.held.refreshAt) return this.held;
    const refreshToken = this.held?.refreshToken;
    this.pending = (async () => {
      try {
        if (refreshToken) {
          try {
            return await this.grant({ grant_type: 'refresh_token', refresh_token: refreshToken }, signal, false);
          } catch (err) {
            // A used, expired or capped refresh token: fall back to the password grant.
            if (!(err instanceof ContractError) || err.code !== 'UNAUTHENTICATED') throw err;
          }
        }
        return await this.grant(
          {
            grant_type: 'password',
            username: this.profile.username,
            password: this.profile.password,
            domain: this.profile.domain || undefined,
          },
          signal,
          true,
        );
      } finally {
        this.pending = undefined;
      }
    })();
    this.held = await this.pending;
    return this.held;
  }

  /** Expires the token server-side (best effort) and forgets it. */
  async signOut(signal?: AbortSignal): Promise<void> {
    const held = this.held;
    this.held = undefined;
    if (!held) return;
    await this.http
      .request({
        method: 'POST',
        url: `${base(this.profile)}/api/v1/oauth-expiration`,
        headers: { authorization: `Bearer ${held.accessToken}` },
        signal,
        retry: false,
      })
      .catch(() => undefined);
  }

  /** The access token currently held, if any (for comparing after a 401). */
  current(): string | undefined {
    return this.held?.accessToken;
  }

  private async grant(form: Record<string, string | undefined>, signal: AbortSignal | undefined, idempotent: boolean): Promise<Held> {
    const url = `${base(this.profile)}/oauth2/token`;
    const headers: Record<string, string> = {};
    if (this.profile.otp && form.grant_type === 'password') headers.otp = await this.profile.otp();
    const res = await this.http.request({ method: 'POST', url, form, headers, signal, idempotent });
    const secrets = [this.profile.password, form.refresh_token ?? ''];
    if (isHtml(res)) throw htmlError(res, secrets);
    if (res.status < 200 || res.status >= 300) {
      const body = safeParse(res.text);
      const said = body.message ?? body.error_description ?? body.error ?? `HTTP ${res.status}`;
      const code = res.status >= 500 || res.status === 429 ? 'UNAVAILABLE' : 'UNAUTHENTICATED';
      throw httpError(code, `Sign-in to Secret Server failed for ${this.profile.username}: ${said}`, {
        retryable: code === 'UNAVAILABLE',
        details: { status: res.status, url: safeUrl(url), field: form.grant_type === 'password' ? 'password' : undefined },
        secrets,
      });
    }
    const body = parseJson<TokenResponse>(res, secrets);
    if (!body?.access_token)
      throw httpError('BAD_RESPONSE', `The token endpoint answered without an access_token — check the base URL (${safeUrl(url)}).`, {
        details: { status: res.status, url: safeUrl(url) },
      });
    const lifetimeMs = Math.max(1, body.expires_in ?? 1200) * 1000;
    return { accessToken: body.access_token, refreshToken: body.refresh_token, refreshAt: this.now() + lifetimeMs * REFRESH_AT };
  }
}

/** The profile's base URL without a trailing slash. */
export function base(profile: Pick<SecretServerProfile, 'baseUrl'>): string {
  return profile.baseUrl.replace(/\/+$/, '');
}

function safeParse(text: string): { message?: string; error?: string; error_description?: string } {
  try {
    const v: unknown = JSON.parse(text);
    return v && typeof v === 'object' ? v : {};
  } catch {
    return {};
  }
}
