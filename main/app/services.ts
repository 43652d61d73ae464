import { FOLLOW_LEASE_MS } from '../../contract/channels/logs';
import { ActivityService } from '../activity/service';
import type { ClientPool } from '../connections/clients';
import { ConnectionService } from '../connections/service';
import { DemoController } from '../demo/controller';
import { FleetService } from '../fleet/service';
import { JobManager } from '../jobs';
import { LogService } from '../logs/service';
import { ENGINE_LOG_FOLDER } from '../logs/source';
import { SetupService } from '../wizards/service';
import type { AppContext } from './context';

/**
 * The services of one process, built once by its entry point (Electron, serve, tests) and handed
 * to every handler factory. A plain readonly record: a new capability is one more member here
 * and one more line in `createServices`.
 */
export interface Services {
  readonly context: AppContext;
  readonly connections: ConnectionService;
  /** The pooled backend clients of the connection profiles (owned by `connections`, which drops them on edits). */
  readonly clients: ClientPool;
  readonly fleet: FleetService;
  readonly demo: DemoController;
  readonly logs: LogService;
  /** Long work: jobs with journals under `<data>/jobs`, replayed when the services are built. */
  readonly jobs: JobManager;
  /** Pipeline activity: runs, detail, log correlation, cause (per Secret Server profile). */
  readonly activity: ActivityService;
  /** Setup wizards (seed 000's cache pipeline): state under `<data>/wizards`. */
  readonly setup: SetupService;
}

/** The composition root: builds every service of a context, each with its dependencies passed in. */
export function createServices(context: AppContext): Services {
  const connections = new ConnectionService(context);
  const demo = new DemoController(context, connections);
  // Window follows carry a lease, so a window that went away stops costing polls.
  const logs = new LogService({ leaseMs: FOLLOW_LEASE_MS });
  const activity = new ActivityService({
    connections,
    logs,
    engineLogPath: () => demo.environment()?.info.engineLogPath ?? ENGINE_LOG_FOLDER,
  });
  return {
    context,
    connections,
    clients: connections.clients,
    // Fleet confirms a refresh from the instance's log with the same reader as the Logs screen.
    fleet: new FleetService(context, connections, { logs }),
    demo,
    logs,
    jobs: createJobManager(context),
    // The demo's simulated engine writes its own SSDE.log; a real host's is in the vendor's folder.
    activity,
    setup: new SetupService({
      dataDir: context.dataDir,
      connections,
      logs,
      activity,
      changed: (wizardId) => context.events.emit('setup:changed', { wizardId }),
    }),
  };
}

/** The job manager of an app context (journals under `<data>/jobs`, replayed now), its events forwarded as `job:event`. */
export function createJobManager(ctx: Pick<AppContext, 'dataDir' | 'events'>): JobManager {
  const jobs = new JobManager({ dataDir: ctx.dataDir, emit: (e) => ctx.events.emit('job:event', e) });
  jobs.open();
  return jobs;
}

/**
 * Stops what the services hold open: running jobs first (they end cancelled and stay resumable, not
 * cut off mid-write), then pooled connections (signed out), the demo's simulators and log followers.
 */
export async function closeServices(services: Services): Promise<void> {
  await services.jobs.shutdown();
  await services.clients.close();
  await Promise.all([services.demo.stop(), services.logs.close()]);
}
