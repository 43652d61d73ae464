import type { SecretServerClient } from './client';
import type { CurrentUserModel, EngineSummaryModel, HealthCheckModel, SiteModel, SiteSummaryModel } from './types';

/** `GET /api/v1/users/current`: who the token belongs to, with `permissions[].name`. */
export function getCurrentUser(c: SecretServerClient, signal?: AbortSignal): Promise<CurrentUserModel> {
  return c.call('GET', '/api/v1/users/current', { signal });
}

/** `GET /api/v1/version`; undefined when the instance hides version numbers. Accepts `{model:{version}}` and `{version}`. */
export async function getVersion(c: SecretServerClient, signal?: AbortSignal): Promise<string | undefined> {
  const body = await c.call<{ version?: string; model?: { version?: string } }>('GET', '/api/v1/version', { signal });
  return body?.model?.version ?? body?.version;
}

/** `GET /api/v1/healthcheck` (no auth needed, but harmless with it). */
export async function getHealth(c: SecretServerClient, signal?: AbortSignal): Promise<HealthCheckModel> {
  return c.call('GET', '/api/v1/healthcheck', { signal });
}

/** `GET /api/v1/sites` (not paged). */
export function listSites(c: SecretServerClient, opts: { includeInactive?: boolean; signal?: AbortSignal } = {}): Promise<SiteModel[]> {
  return c.call('GET', '/api/v1/sites', { query: { includeInactive: opts.includeInactive ?? false }, signal: opts.signal });
}

/** `GET /api/v1/distributed-engine/sites` with health counts (and metrics when asked). */
export function listEngineSites(
  c: SecretServerClient,
  opts: { includeSiteMetrics?: boolean; siteId?: number; signal?: AbortSignal } = {},
): Promise<SiteSummaryModel[]> {
  return c.collect(
    '/api/v1/distributed-engine/sites',
    { 'filter.includeSiteMetrics': opts.includeSiteMetrics, 'filter.siteId': opts.siteId },
    { signal: opts.signal },
  );
}

/** `GET /api/v1/distributed-engine/engines`, optionally for one site. */
export function listEngines(
  c: SecretServerClient,
  opts: { siteId?: number; connectionStatus?: string; signal?: AbortSignal } = {},
): Promise<EngineSummaryModel[]> {
  return c.collect(
    '/api/v1/distributed-engine/engines',
    { 'filter.siteId': opts.siteId, 'filter.connectionStatus': opts.connectionStatus },
    { signal: opts.signal },
  );
}
