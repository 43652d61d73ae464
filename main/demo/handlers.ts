import type { demoChannels } from '../../contract/channels/demo';
import type { AppContext } from '../core/app-context';
import type { Handlers } from '../ipc/router';
import { demoFor } from './controller';

/** Handlers of the demo area: status, and start (the "Try the demo environment" button). */
export function demoHandlers(ctx: AppContext): Pick<Handlers, keyof typeof demoChannels> {
  return {
    'demo:status': () => demoFor(ctx).status(),
    'demo:start': async (_req, job) => {
      job.report({ done: 0, total: 1, message: 'Starting simulators and producing pipeline runs…' });
      const status = await demoFor(ctx).start();
      job.report({ done: 1, total: 1, message: 'Demo environment ready' });
      return status;
    },
  };
}
