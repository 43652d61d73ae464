import { page } from '../shared/paging';
import { accessDenied, hasPermission } from './access';
import { filter, flag, intOf, type SimContext } from './context';

/** Identity, version, sign-out, sites and engines. */
export function registerCoreRoutes({ state, router, tokens }: SimContext, version: string): void {
  router.on('GET', '/api/v1/users/current', (ctx) => {
    const u = ctx.session.user;
    return {
      status: 200,
      body: {
        id: u.id,
        userName: u.userName,
        displayName: u.displayName,
        emailAddress: u.emailAddress,
        permissions: [...state.permissionNamesOf(u)].map((name) => ({ name })),
        platformIntegrationType: 'None',
        dateOptionId: -1,
        timeOptionId: -1,
        userLcid: 0,
        userTheme: 'Default',
      },
    };
  });
  router.on('GET', '/api/v1/version', () => ({ status: 200, body: { model: { version }, success: true, severity: 'None' } }));
  router.on('POST', '/api/v1/oauth-expiration', (ctx) => {
    tokens.expire(ctx.req.headers.authorization);
    return { status: 200, body: true };
  });
  router.on('GET', '/api/v1/sites', (ctx) => {
    const all = flag(ctx.query.get('includeInactive') ?? undefined, false);
    return {
      status: 200,
      body: state.sites.filter((s) => all || s.active).map((s) => ({ siteId: s.siteId, siteName: s.siteName, active: s.active })),
    };
  });
  router.on('GET', '/api/v1/distributed-engine/sites', (ctx) => {
    if (
      !hasPermission(state, ctx.session.user, 'Administer Distributed Engines') &&
      !hasPermission(state, ctx.session.user, 'View Distributed Engines')
    )
      return accessDenied();
    const siteId = intOf(filter(ctx.query, 'siteId'));
    const metrics = flag(filter(ctx.query, 'includeSiteMetrics'), false);
    const rows = state.sites
      .filter((s) => (siteId === undefined || s.siteId === siteId) && (s.active || flag(filter(ctx.query, 'includeInactive'), false)))
      .map((s) => {
        const engines = state.engines.filter((e) => e.siteId === s.siteId);
        const online = engines.filter((e) => e.connectionStatus === 'Online').length;
        return {
          siteId: s.siteId,
          siteName: s.siteName,
          active: s.active,
          isLocal: s.isLocal,
          lastActivity: engines[0]?.lastConnected ?? null,
          onlineEngineCount: online,
          offlineEngineCount: engines.length - online,
          numEnginesMissingNetFramework: 0,
          numEnginesWithoutAbilityToRestartService: 0,
          showEngineVersionUpdateBlocklistBannerMessage: false,
          siteMetrics: metrics ? [{ metricName: 'OnlineEngines', metricDisplayName: 'Online engines', metricValue: online }] : [],
        };
      });
    return { status: 200, body: page(rows, ctx.query, { name: 'siteName', direction: 'Asc' }) };
  });
  router.on('GET', '/api/v1/distributed-engine/engines', (ctx) => {
    if (
      !hasPermission(state, ctx.session.user, 'Administer Distributed Engines') &&
      !hasPermission(state, ctx.session.user, 'View Distributed Engines')
    )
      return accessDenied();
    const siteId = intOf(filter(ctx.query, 'siteId'));
    const status = filter(ctx.query, 'connectionStatus');
    const rows = state.engines
      .filter((e) => (siteId === undefined || e.siteId === siteId) && (!status || e.connectionStatus === status))
      .map((e) => ({
        engineId: e.engineId,
        friendlyName: e.friendlyName,
        hostName: e.hostname,
        bindAddress: '',
        connectionStatus: e.connectionStatus,
        activationStatus: e.activationStatus,
        lastConnected: e.lastConnected,
        currentVersion: e.currentVersion,
        latestVersion: e.currentVersion,
        pendingUpdate: false,
        timeMismatch: false,
        timeMismatchSeconds: null,
        canUpdateVersion: false,
        canCancelUpdateVersion: false,
        isBlockedByNet48: false,
      }));
    return { status: 200, body: page(rows, ctx.query, { name: 'friendlyName', direction: 'Asc' }) };
  });
}
