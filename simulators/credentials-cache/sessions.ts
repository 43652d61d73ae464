import { createHmac, randomBytes } from 'node:crypto';
import type { UpstreamToken } from './upstream';

/** What a cache token stands for: the caller's Secret Server login, kept on the cache side. */
export interface CacheSession {
  readonly username: string;
  readonly baseUrl: string;
  readonly upstream: UpstreamToken;
  readonly expiresAt: number;
}

const b64url = (v: string | Buffer): string => Buffer.from(v).toString('base64url');

/**
 * Issues and checks the bearer tokens `/api/token` hands out. They are JWT-shaped (the vendor
 * script calls them "JWT token"); whether the real cache passes the upstream token through is unknown.
 */
export class SessionStore {
  private readonly key = randomBytes(32);
  private readonly sessions = new Map<string, CacheSession>();

  constructor(
    private readonly lifetimeMs: number,
    private readonly now: () => number,
  ) {}

  /** Mints a token for a successful upstream login. */
  issue(username: string, baseUrl: string, upstream: UpstreamToken): string {
    const expiresAt = this.now() + this.lifetimeMs;
    const head = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
    const body = b64url(
      JSON.stringify({ sub: username, iss: 'DelineaCredCache', exp: Math.floor(expiresAt / 1000), jti: randomBytes(8).toString('hex') }),
    );
    const sig = createHmac('sha256', this.key).update(`${head}.${body}`).digest('base64url');
    const token = `${head}.${body}.${sig}`;
    this.sessions.set(token, { username, baseUrl, upstream, expiresAt });
    return token;
  }

  /** The session behind an `Authorization` header, or undefined when missing, unknown or expired. */
  fromHeader(authorization: string | undefined): CacheSession | undefined {
    const m = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
    const session = m?.[1] ? this.sessions.get(m[1]) : undefined;
    if (!session || session.expiresAt <= this.now()) return undefined;
    return session;
  }

  /** Expires every token (tests: "the token ran out"). */
  expireAll(): void {
    this.sessions.clear();
  }
}
