/**
 * Delinea Credentials Cache client for any number of instances: token, secretchanged,
 * reachability, and "refresh this secret everywhere" with per-instance results.
 */
export { checkReachable, getToken, instanceUrl, secretChanged, type CacheCallOptions } from './client';
export { mapWithLimit, refreshSecretEverywhere, type RefreshEverywhereOptions } from './refresh';
export type { CacheCredentials, CacheInstance, InstanceRefreshResult, RefreshStep } from './types';
