import type { demoChannels } from '../../contract/channels/demo';
import type { Services } from '../app/services';
import type { Handlers } from '../ipc/router';

/** Handlers of the demo area: status, start (the "Try the demo environment" button) and remove. */
export function demoHandlers({ demo }: Pick<Services, 'demo'>): Pick<Handlers, keyof typeof demoChannels> {
  return {
    'demo:status': () => demo.status(),
    'demo:start': async ({ fresh }, job) => {
      job.report({ done: 0, total: 1, message: 'Starting simulators and producing pipeline runs…' });
      const status = await demo.start({ fresh });
      job.report({ done: 1, total: 1, message: 'Demo environment ready' });
      return status;
    },
    'demo:remove': () => demo.remove(),
  };
}
