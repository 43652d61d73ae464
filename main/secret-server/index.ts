/** Secret Server REST client: session, paging, error mapping and one module per resource group. */
export { SecretServerClient, type CallOptions, type Page, type SecretServerClientOptions } from './client';
export { TokenSession, type SecretServerProfile } from './session';
export { secretServerError, flattenModelState, fieldFromModelState } from './errors';
export * from './identity';
export * from './secrets';
export * from './admin';
export * from './pipelines';
export type * from './types';
