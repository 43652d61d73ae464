import type { Dispatcher } from 'undici';
import { createHttpClient, parseJson, type HttpClient, type HttpClientOptions, type QueryValue } from '../http';
import type { RateLimiter } from '../shared/token-bucket';
import { secretServerError } from './errors';
import { TokenSession, base, type SecretServerProfile } from './session';
import { cancelled } from '../shared/errors';

/** Options for one call to the Secret Server REST API. */
export interface CallOptions {
  readonly query?: Readonly<Record<string, QueryValue>>;
  readonly json?: unknown;
  readonly signal?: AbortSignal;
}

/** The vendor paging envelope (`PagingOf*`). */
export interface Page<T> {
  readonly records?: readonly T[];
  readonly total?: number;
  readonly skip?: number;
  readonly take?: number;
  readonly nextSkip?: number;
  readonly hasNext?: boolean;
}

/** Dependencies of a client: the profile, its dispatcher, and test hooks. */
export interface SecretServerClientOptions extends Omit<HttpClientOptions, 'dispatcher' | 'secrets'> {
  readonly profile: SecretServerProfile;
  readonly dispatcher?: Dispatcher;
  /** Page size for list helpers (default 200). */
  readonly pageSize?: number;
  /** Paces every API call (sign-in excepted); shared by everything that calls this profile. */
  readonly limiter?: RateLimiter;
}

/**
 * The Secret Server REST client: bearer auth with refresh and one re-authentication on 401/403,
 * vendor error mapping, and `skip`/`take` paging. Resource functions (secrets.ts, …) build on it.
 */
export class SecretServerClient {
  readonly http: HttpClient;
  readonly session: TokenSession;
  readonly pageSize: number;
  private readonly profile: SecretServerProfile;
  private readonly limiter: RateLimiter | undefined;

  constructor(opts: SecretServerClientOptions) {
    this.profile = opts.profile;
    this.limiter = opts.limiter;
    this.pageSize = opts.pageSize ?? 200;
    this.http = createHttpClient({ ...opts, secrets: () => [opts.profile.password, this.session.current() ?? ''] });
    this.session = new TokenSession(this.http, opts.profile, opts.now);
  }

  /** Calls `<base><path>` (path starts with `/api/…`) and returns the parsed JSON body. */
  async call<T>(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, opts: CallOptions = {}): Promise<T> {
    const url = `${base(this.profile)}${path}`;
    for (let attempt = 0; ; attempt++) {
      const token = await this.session.token(opts.signal);
      await this.limiter?.take(opts.signal);
      const res = await this.http.request({
        method,
        url,
        query: opts.query,
        json: opts.json,
        signal: opts.signal,
        headers: { authorization: `Bearer ${token}` },
      });
      if ((res.status === 401 || res.status === 403) && attempt === 0) {
        await this.session.renew(token, opts.signal);
        continue;
      }
      if (res.status < 200 || res.status >= 300) throw secretServerError(res, this.http.secrets());
      return parseJson<T>(res, this.http.secrets());
    }
  }

  /** Iterates every record of a paged list, following `hasNext`/`nextSkip`. */
  async *paged<T>(
    path: string,
    query: Readonly<Record<string, QueryValue>> = {},
    opts: { signal?: AbortSignal; pageSize?: number } = {},
  ): AsyncGenerator<T, void, undefined> {
    const take = opts.pageSize ?? this.pageSize;
    let skip = 0;
    for (;;) {
      if (opts.signal?.aborted) throw cancelled();
      const page = await this.call<Page<T>>('GET', path, { query: { ...query, skip, take }, signal: opts.signal });
      const records = page?.records ?? [];
      for (const r of records) yield r;
      const next = page?.nextSkip ?? skip + records.length;
      // Stop on hasNext=false, and guard against a server that never advances.
      if (!page?.hasNext || records.length === 0 || next <= skip) return;
      skip = next;
    }
  }

  /** Collects every record of a paged list. */
  async collect<T>(
    path: string,
    query: Readonly<Record<string, QueryValue>> = {},
    opts: { signal?: AbortSignal; pageSize?: number } = {},
  ): Promise<T[]> {
    const out: T[] = [];
    for await (const r of this.paged<T>(path, query, opts)) out.push(r);
    return out;
  }

  /** Signs out: `POST /api/v1/oauth-expiration`, then forgets the token. */
  signOut(signal?: AbortSignal): Promise<void> {
    return this.session.signOut(signal);
  }
}
