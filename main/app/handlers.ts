import { EventBus, Router, type Handlers } from '../ipc/router';
import { appHandlers } from './app-handlers';
import type { Services } from './services';
import { logsHandlers } from '../logs/handlers';
import { connectionsHandlers } from '../connections/handlers';
import { fleetHandlers } from '../fleet/handlers';
import { overviewHandlers } from '../overview/handlers';
import { demoHandlers } from '../demo/handlers';

/**
 * Builds the full handler map over the process's services. Each area contributes its slice;
 * `satisfies Handlers` makes the compiler refuse a missing or extra channel.
 */
export function buildRouter(services: Services): Router {
  // `jobs:cancel` needs the router itself, so it is bound after construction.
  let router: Router | null = null;
  const handlers = {
    ...appHandlers(services),
    ...logsHandlers(services),
    ...connectionsHandlers(services),
    ...fleetHandlers(services),
    ...overviewHandlers(services),
    ...demoHandlers(services),
    'jobs:cancel': ({ requestId }) => ({ cancelled: router?.cancel(requestId) ?? false }),
  } satisfies Handlers;
  router = new Router(handlers, services.context.events);
  return router;
}

export { EventBus };
