import type { fleetChannels, RefreshOutcome } from '../../contract/channels/fleet';
import type { Services } from '../app/services';
import { throwIfCancelled, type Handlers } from '../ipc/router';

/** Handlers of the Fleet area. */
export function fleetHandlers({ fleet }: Pick<Services, 'fleet'>): Pick<Handlers, keyof typeof fleetChannels> {
  return {
    'fleet:list': ({ check }, hctx) => fleet.list(check, hctx.signal),
    'fleet:refresh': async ({ secretId, profileIds }, job) => {
      // A resumed refresh keeps the instances that already accepted and retries the rest.
      const earlier = (job.checkpoints as RefreshOutcome[]).filter((o) => o.ok);
      const all = profileIds ?? (await fleet.list(false)).map((i) => i.profileId);
      const todo = all.filter((id) => !earlier.some((o) => o.profileId === id));
      if (earlier.length) job.report({ done: earlier.length, total: all.length, data: { outcomes: earlier } });
      const fresh = todo.length
        ? await fleet.refresh(secretId, earlier.length ? todo : profileIds, job.signal, (outcome, done) => {
            job.checkpoint(outcome);
            job.report({
              done: earlier.length + done,
              total: all.length,
              message: `${outcome.name}: ${outcome.confirmation?.state ?? (outcome.ok ? 'accepted' : 'failed')}`,
              data: { outcomes: [outcome] },
            });
          })
        : { secretId, results: [], succeeded: 0, failed: 0 };
      throwIfCancelled(job.signal);
      const results = [...earlier, ...fresh.results];
      return { secretId, results, succeeded: results.filter((r) => r.ok).length, failed: results.filter((r) => !r.ok).length };
    },
  };
}
