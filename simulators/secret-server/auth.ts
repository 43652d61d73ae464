import { randomBytes } from 'node:crypto';
import type { RouteResult } from '../shared/router';
import type { SimUser } from './model';
import type { SimState } from './state';

interface Grant {
  userId: number;
  expiresAt: number;
}

/** Token lifetime and refresh-token behaviour of the simulated instance. */
export interface TokenOptions {
  /** Seconds; the vendor default session timeout for web services is 20 minutes. */
  expiresIn: number;
  /** "Enable Refresh Tokens for Web Services". */
  issueRefreshTokens: boolean;
  /** "Maximum Token Refreshes Allowed" (undefined = no cap). */
  maxRefreshes?: number;
}

/** OAuth2 token endpoint and bearer validation; refresh tokens are single use. */
export class TokenService {
  private readonly access = new Map<string, Grant>();
  private readonly refresh = new Map<string, Grant & { used: boolean; refreshes: number }>();

  constructor(
    private readonly state: SimState,
    readonly options: TokenOptions,
    private readonly now: () => number,
  ) {}

  /** `POST /oauth2/token` with a password or refresh_token grant. */
  grant(form: Record<string, unknown>, otp: string | undefined): RouteResult {
    const type = String(form.grant_type ?? '');
    if (type === 'password') {
      const user = this.state.users.find((u) => u.userName.toLowerCase() === String(form.username ?? '').toLowerCase());
      if (!user || user.password !== String(form.password ?? '') || !user.enabled) return { status: 400, body: { error: 'Login failed.' } };
      if (otp !== undefined && otp !== '123456') return { status: 400, body: { error: 'Invalid one-time password.' } };
      this.state.stats.passwordGrants++;
      return this.issue(user.id, 0);
    }
    if (type === 'refresh_token') {
      const rt = this.refresh.get(String(form.refresh_token ?? ''));
      if (!rt || rt.used || rt.expiresAt <= this.now()) return { status: 400, body: { error: 'invalid_grant' } };
      if (this.options.maxRefreshes !== undefined && rt.refreshes >= this.options.maxRefreshes)
        return { status: 400, body: { error: 'Maximum token refreshes reached.' } };
      rt.used = true;
      this.state.stats.refreshGrants++;
      return this.issue(rt.userId, rt.refreshes + 1);
    }
    return { status: 400, body: { error: 'unsupported_grant_type' } };
  }

  /** The user behind a bearer header, or why not. */
  authenticate(header: string | undefined): { user: SimUser } | { status: 401 | 403 } {
    const token = /^Bearer\s+(.+)$/i.exec(header ?? '')?.[1];
    if (!token) return { status: 403 };
    const grant = this.access.get(token);
    if (!grant || grant.expiresAt <= this.now()) return { status: 401 };
    const user = this.state.users.find((u) => u.id === grant.userId && u.enabled);
    return user ? { user } : { status: 401 };
  }

  /** `POST /api/v1/oauth-expiration`: the presented token stops working. */
  expire(header: string | undefined): void {
    const token = /^Bearer\s+(.+)$/i.exec(header ?? '')?.[1];
    if (token) this.access.delete(token);
    this.state.stats.expirations++;
  }

  /** Fault: every access token issued so far is expired now (refresh tokens keep working). */
  expireAll(): void {
    for (const g of this.access.values()) g.expiresAt = 0;
  }

  private issue(userId: number, refreshes: number): RouteResult {
    const accessToken = randomBytes(24).toString('base64url');
    this.access.set(accessToken, { userId, expiresAt: this.now() + this.options.expiresIn * 1000 });
    const body: Record<string, unknown> = { access_token: accessToken, token_type: 'bearer', expires_in: this.options.expiresIn };
    if (this.options.issueRefreshTokens) {
      const rt = randomBytes(24).toString('base64url');
      this.refresh.set(rt, { userId, expiresAt: this.now() + (this.options.expiresIn + 900) * 1000, used: false, refreshes });
      body.refresh_token = rt;
    }
    return { status: 200, body };
  }
}
