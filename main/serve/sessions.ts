import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** How long a serve-mode session lives without a request (12 hours). */
export const DEFAULT_SESSION_IDLE_MS = 12 * 60 * 60 * 1000;

/** Options of the session store. */
export interface SessionOptions {
  /** The first one-time sign-in token (random when absent). */
  readonly token?: string;
  readonly idleMs?: number;
  /** Clock (tests). */
  readonly now?: () => number;
}

const digest = (secret: string) => createHash('sha256').update(secret).digest('base64url');
const random = () => randomBytes(32).toString('base64url');

/**
 * Serve-mode sign-in: one one-time token at a time (printed in the URL), exchanged once for a
 * session secret the page keeps in sessionStorage and sends as `Authorization: Bearer` on every
 * request. Sessions end after `idleMs` without a request. Secrets are kept only as SHA-256
 * digests, looked up by digest (nothing secret-dependent is compared byte by byte).
 */
export class ServeSessions {
  private token: string;
  private readonly sessions = new Map<string, number>();
  private readonly idleMs: number;
  private readonly now: () => number;

  constructor(opts: SessionOptions = {}) {
    this.token = opts.token ?? random();
    this.idleMs = opts.idleMs ?? DEFAULT_SESSION_IDLE_MS;
    this.now = opts.now ?? Date.now;
  }

  /** The current unused sign-in token. */
  currentToken(): string {
    return this.token;
  }

  /** True when `candidate` is the current, unused sign-in token (does not use it). */
  tokenValid(candidate: string | null | undefined): boolean {
    if (!candidate) return false;
    const a = Buffer.from(candidate);
    const b = Buffer.from(this.token);
    return a.length === b.length && timingSafeEqual(a, b);
  }

  /**
   * Exchanges the sign-in token for a new session secret, once: the token is replaced by a fresh
   * one (`currentToken()`), so the printed URL never signs in a second time. Null when invalid.
   */
  redeem(candidate: string | null | undefined): string | null {
    if (!this.tokenValid(candidate)) return null;
    this.token = random();
    return this.create();
  }

  /** Starts a session without a token (in-process callers such as tests). */
  create(): string {
    const now = this.now();
    for (const [key, last] of this.sessions) if (now - last > this.idleMs) this.sessions.delete(key);
    const secret = random();
    this.sessions.set(digest(secret), now);
    return secret;
  }

  /** True when the secret names a live session; `touch` counts the request as use. */
  check(secret: string | undefined, touch = true): boolean {
    if (!secret) return false;
    const key = digest(secret);
    const last = this.sessions.get(key);
    if (last === undefined) return false;
    const now = this.now();
    if (now - last > this.idleMs) {
      this.sessions.delete(key);
      return false;
    }
    if (touch) this.sessions.set(key, now);
    return true;
  }

  /** Idle time allowed, for the page to know. */
  idleLimitMs(): number {
    return this.idleMs;
  }
}
