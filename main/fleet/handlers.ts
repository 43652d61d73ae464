import type { fleetChannels } from '../../contract/channels/fleet';
import type { Services } from '../app/services';
import { throwIfCancelled, type Handlers } from '../ipc/router';

/** Handlers of the Fleet area. */
export function fleetHandlers({ fleet }: Pick<Services, 'fleet'>): Pick<Handlers, keyof typeof fleetChannels> {
  return {
    'fleet:list': ({ check }, hctx) => fleet.list(check, hctx.signal),
    'fleet:refresh': async ({ secretId, profileIds }, hctx) => {
      const report = await fleet.refresh(secretId, profileIds, hctx.signal, (outcome, done, total) =>
        hctx.progress(done, total, `${outcome.name}: ${outcome.ok ? 'refreshed' : 'failed'}`, { outcome }),
      );
      throwIfCancelled(hctx.signal);
      return report;
    },
  };
}
