/** One Credentials Cache instance, e.g. `https://engine01.corp/DelineaCredCache` on a site's engine host. */
export interface CacheInstance {
  readonly id: string;
  readonly name: string;
  /** Base URL including the IIS application folder. */
  readonly url: string;
  /** The Secret Server site / engine it serves, for display. */
  readonly site?: string;
}

/** What `/api/token` forwards to Secret Server: the application account and the Secret Server URL. */
export interface CacheCredentials {
  readonly username: string;
  readonly password: string;
  /** The Secret Server base URL the cache authenticates against (`BaseUrl`). */
  readonly baseUrl: string;
  readonly domain?: string;
}
