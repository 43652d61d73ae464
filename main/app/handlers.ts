import { EventBus, Router, type Handlers, type JobChannelTable } from '../ipc/router';
import { jobsHandlers } from '../jobs/handlers';
import { appHandlers } from './app-handlers';
import type { Services } from './services';
import { logsHandlers } from '../logs/handlers';
import { connectionsHandlers } from '../connections/handlers';
import { fleetHandlers } from '../fleet/handlers';
import { overviewHandlers } from '../overview/handlers';
import { demoHandlers } from '../demo/handlers';
import { activityHandlers } from '../activity/handlers';
import { setupHandlers } from '../wizards/handlers';

/**
 * How each job channel runs (the compiler refuses a job channel missing here). Persisted jobs
 * are journaled and come back after a restart; work that only matters to the screen that asked
 * (line index, locate) is cancelled when that screen goes away.
 */
export const JOB_CHANNELS: JobChannelTable = {
  'connections:test': { persist: true, resumable: true },
  'fleet:refresh': { persist: true, resumable: true },
  'logs:search': { persist: true, resumable: true },
  'logs:index': { persist: false, resumable: false, cancelWithCaller: true },
  'logs:locate': { persist: false, resumable: false, cancelWithCaller: true },
  'logs:histogram': { persist: false, resumable: false, cancelWithCaller: true },
  'demo:start': { persist: false, resumable: false },
  // Correlation serves the run panel that asked; an export is the user's file and is listed after a restart.
  'activity:correlate': { persist: false, resumable: false, cancelWithCaller: true },
  'activity:export': { persist: true, resumable: false },
  // Check/plan and verify are re-run from the screen; an apply cut off resumes and skips what its journal holds.
  'setup:plan': { persist: true, resumable: false },
  'setup:apply': { persist: true, resumable: true },
  'setup:verify': { persist: true, resumable: false },
};

/**
 * Builds the full handler map over the process's services. Each area contributes its slice;
 * `satisfies Handlers` makes the compiler refuse a missing or extra channel.
 */
export function buildRouter(services: Services): Router {
  const handlers = {
    ...appHandlers(services),
    ...logsHandlers(services),
    ...connectionsHandlers(services),
    ...fleetHandlers(services),
    ...overviewHandlers(services),
    ...demoHandlers(services),
    ...activityHandlers(services),
    ...setupHandlers(services),
    ...jobsHandlers(services.jobs),
  } satisfies Handlers;
  return new Router(handlers, services.context.events, services.jobs, JOB_CHANNELS);
}

export { EventBus };
