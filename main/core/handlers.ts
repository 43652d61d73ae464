import { EventBus, Router, type Handlers } from '../ipc/router';
import type { AppContext } from './app-context';
import { appHandlers } from './app-handlers';
import { logsHandlers } from '../logs/handlers';
import { connectionsHandlers } from '../connections/handlers';
import { fleetHandlers } from '../fleet/handlers';
import { overviewHandlers } from '../overview/handlers';
import { demoHandlers } from '../demo/handlers';

/**
 * Builds the full handler map. Each area contributes its slice; `satisfies Handlers` makes the
 * compiler refuse a missing or extra channel.
 */
export function buildRouter(ctx: AppContext): Router {
  // `jobs:cancel` needs the router itself, so it is bound after construction.
  let router: Router | null = null;
  const handlers = {
    ...appHandlers(ctx),
    ...logsHandlers(ctx),
    ...connectionsHandlers(ctx),
    ...fleetHandlers(ctx),
    ...overviewHandlers(ctx),
    ...demoHandlers(ctx),
    'jobs:cancel': ({ requestId }) => ({ cancelled: router?.cancel(requestId) ?? false }),
  } satisfies Handlers;
  router = new Router(handlers, ctx.events);
  return router;
}

export { EventBus };
