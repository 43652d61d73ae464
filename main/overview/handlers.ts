import type { Services } from '../app/services';
import type { Handlers } from '../ipc/router';
import { overviewSummary } from './summary';

/** Handlers of the Overview. */
export function overviewHandlers(services: Services): Pick<Handlers, 'overview:summary'> {
  return {
    'overview:summary': ({ quickCheck }, hctx) => overviewSummary(services, quickCheck, hctx.signal),
  };
}
