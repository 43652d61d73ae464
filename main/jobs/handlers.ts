import type { jobsChannels } from '../../contract/channels/jobs';
import type { Handlers } from '../ipc/router';
import type { JobManager } from './manager';

/** Handlers of the jobs area: list, snapshot, cancel, resume. */
export function jobsHandlers(jobs: JobManager): Pick<Handlers, keyof typeof jobsChannels> {
  return {
    'jobs:list': ({ kind, states, limit }) => jobs.list({ ...(kind ? { kind } : {}), ...(states ? { states } : {}), limit }),
    'jobs:get': ({ jobId }) => jobs.get(jobId),
    'jobs:cancel': ({ jobId }) => ({ cancelled: jobs.cancel(jobId) }),
    'jobs:resume': ({ jobId }) => {
      jobs.resume(jobId);
      return jobs.get(jobId);
    },
  };
}
