import type { AppContext } from '../core/app-context';
import type { Handlers } from '../ipc/router';
import { overviewSummary } from './summary';

/** Handlers of the Overview. */
export function overviewHandlers(ctx: AppContext): Pick<Handlers, 'overview:summary'> {
  return {
    'overview:summary': ({ quickCheck }, hctx) => overviewSummary(ctx, quickCheck, hctx.signal),
  };
}
