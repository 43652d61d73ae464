/**
 * Delinea Credentials Cache client for any number of instances: token, secretchanged,
 * reachability, the per-instance API over a profile's dispatcher, and "refresh this secret
 * everywhere" with one outcome per instance (the contract's RefreshOutcome).
 */
export { checkReachable, getToken, instanceUrl, secretChanged, type CacheCallOptions } from './client';
export { createCacheApi, type CacheApi } from './api';
export { isUnreachable, refreshSecretEverywhere, type RefreshEverywhereOptions, type RefreshTarget } from './refresh';
export type { CacheCredentials, CacheInstance } from './types';
export {
  classifyCacheLogLine,
  confirmRefreshFromLog,
  markCacheLog,
  type CacheLogMark,
  type CacheLogReader,
  type ConfirmOptions,
  type RefreshConfirmOptions,
} from './confirm';
