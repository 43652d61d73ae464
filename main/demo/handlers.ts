import type { demoChannels } from '../../contract/channels/demo';
import type { AppContext } from '../core/app-context';
import type { Handlers } from '../ipc/router';
import { demoFor } from './controller';

/** Handlers of the demo area: status, start (the "Try the demo environment" button) and remove. */
export function demoHandlers(ctx: AppContext): Pick<Handlers, keyof typeof demoChannels> {
  return {
    'demo:status': () => demoFor(ctx).status(),
    'demo:start': async (_req, hctx) => {
      hctx.progress(0, 1, 'Starting simulators and producing pipeline runs…');
      const status = await demoFor(ctx).start();
      hctx.progress(1, 1, 'Demo environment ready');
      return status;
    },
    'demo:remove': () => demoFor(ctx).remove(),
  };
}
