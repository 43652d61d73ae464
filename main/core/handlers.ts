import { EventBus, Router, type Handlers, type JobChannelTable } from '../ipc/router';
import type { AppContext } from './app-context';
import { appHandlers } from './app-handlers';
import { logsHandlers } from '../logs/handlers';
import { connectionsHandlers } from '../connections/handlers';
import { fleetHandlers } from '../fleet/handlers';
import { overviewHandlers } from '../overview/handlers';
import { demoHandlers } from '../demo/handlers';
import { JobManager } from '../jobs';
import { jobsHandlers } from '../jobs/handlers';

/**
 * How each job channel runs (the compiler refuses a job channel missing here). Persisted jobs
 * are journaled and come back after a restart; work that only matters to the screen that asked
 * (line index, locate) is cancelled when that screen goes away.
 */
export const JOB_CHANNELS: JobChannelTable = {
  'connections:test': { persist: true, resumable: true },
  'fleet:refresh': { persist: true, resumable: true },
  'logs:search': { persist: true, resumable: false },
  'logs:index': { persist: false, resumable: false, cancelWithCaller: true },
  'logs:locate': { persist: false, resumable: false, cancelWithCaller: true },
  'demo:start': { persist: false, resumable: false },
};

/** The job manager of an app context, its events forwarded as `job:event`. */
export function createJobManager(ctx: Pick<AppContext, 'dataDir' | 'events'>): JobManager {
  const jobs = new JobManager({ dataDir: ctx.dataDir, emit: (e) => ctx.events.emit('job:event', e) });
  jobs.open();
  return jobs;
}

/**
 * Builds the full handler map. Each area contributes its slice; `satisfies Handlers` makes the
 * compiler refuse a missing or extra channel.
 */
export function buildRouter(ctx: AppContext, jobs: JobManager = createJobManager(ctx)): Router {
  const handlers = {
    ...appHandlers(ctx),
    ...logsHandlers(ctx),
    ...connectionsHandlers(ctx),
    ...fleetHandlers(ctx),
    ...overviewHandlers(ctx),
    ...demoHandlers(ctx),
    ...jobsHandlers(jobs),
  } satisfies Handlers;
  return new Router(handlers, ctx.events, jobs, JOB_CHANNELS);
}

export { EventBus };
