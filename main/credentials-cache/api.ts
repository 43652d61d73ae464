import { ContractError } from '../../contract/errors';
import type { Dispatcher } from 'undici';
import { createHttpClient } from '../http';
import { checkReachable, getToken, secretChanged } from './client';
import type { CacheCredentials, CacheInstance } from './types';

/**
 * One Credentials Cache instance as Fleet and Test connection use it: the calls of `client.ts`
 * bound to an HTTP client over the profile's dispatcher (its CA and proxy).
 */
export interface CacheApi {
  readonly instance: CacheInstance;
  /** `GET /swagger/index.html`; a non-Swagger answer comes back as `ok: false` with the reason. */
  swagger(signal?: AbortSignal): Promise<{ ok: boolean; status?: number; message?: string }>;
  /** `POST /api/token` → the bearer token. */
  token(creds: CacheCredentials, signal?: AbortSignal): Promise<string>;
  /** `POST /api/secretchanged` `{ secretId }`; resolves with 202. */
  secretChanged(token: string, secretId: number, signal?: AbortSignal): Promise<number>;
}

/** Builds the adapter for one instance profile over its dispatcher (the profile's CA and proxy). */
export function createCacheApi(instance: CacheInstance, dispatcher: Dispatcher, secrets: () => readonly string[] = () => []): CacheApi {
  const http = createHttpClient({ dispatcher, timeoutMs: 20_000, retry: { maxAttempts: 2 }, secrets });
  const opts = (signal?: AbortSignal) => (signal ? { signal } : {});
  return {
    instance,
    async swagger(signal) {
      try {
        const r = await checkReachable(http, instance, opts(signal));
        return { ok: true, status: r.status };
      } catch (err) {
        // A wrong folder or a foreign page is an HTTP-level finding; no answer at all stays an error.
        if (
          err instanceof ContractError &&
          (err.code === 'NOT_FOUND' || err.code === 'BAD_RESPONSE' || typeof err.details?.status === 'number')
        ) {
          const status = typeof err.details?.status === 'number' ? err.details.status : undefined;
          return { ok: false, ...(status ? { status } : {}), message: err.message };
        }
        throw err;
      }
    },
    token: (creds, signal) => getToken(http, instance, creds, opts(signal)),
    secretChanged: (token, secretId, signal) => secretChanged(http, instance, token, secretId, opts(signal)),
  };
}
