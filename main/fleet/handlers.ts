import type { fleetChannels } from '../../contract/channels/fleet';
import type { AppContext } from '../core/app-context';
import { throwIfCancelled, type Handlers } from '../ipc/router';
import { fleetFor } from './service';

/** Handlers of the Fleet area. */
export function fleetHandlers(ctx: AppContext): Pick<Handlers, keyof typeof fleetChannels> {
  return {
    'fleet:list': ({ check }, hctx) => fleetFor(ctx).list(check, hctx.signal),
    'fleet:refresh': async ({ secretId, profileIds }, hctx) => {
      const report = await fleetFor(ctx).refresh(secretId, profileIds, hctx.signal, (outcome, done, total) =>
        hctx.progress(done, total, `${outcome.name}: ${outcome.confirmation?.state ?? (outcome.ok ? 'accepted' : 'failed')}`, { outcome }),
      );
      throwIfCancelled(hctx.signal);
      return report;
    },
  };
}
