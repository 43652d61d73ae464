import type { Channel, Envelope, ReqIn, Res } from '../../../contract';
import type { AppContext } from '../../../main/app/context';
import { closeServices, type Services } from '../../../main/app/services';
import type { Router } from '../../../main/ipc/router';
import { startDemo, type DemoEnvironment } from '../../../main/demo/start';
import { testServices } from '../../unit/foundation/helpers';

/** A router over a fresh context plus a running demo environment. */
export interface DemoRig {
  readonly ctx: AppContext;
  readonly services: Services;
  readonly router: Router;
  readonly demo: DemoEnvironment;
  /** Calls a channel and returns its result, failing the test on an error envelope. */
  call<C extends Channel>(channel: C, payload: ReqIn<C>, requestId?: string): Promise<Res<C>>;
  /** Calls a channel and returns the raw envelope. */
  send(channel: Channel, payload: unknown, requestId?: string): Promise<Envelope<unknown>>;
  close(): Promise<void>;
}

/** Starts the demo simulators and a router on a temporary data folder. */
export async function demoRig(): Promise<DemoRig> {
  const demo = await startDemo();
  const { ctx, services, router } = testServices();
  const send = (channel: Channel, payload: unknown, requestId?: string) =>
    router.dispatch(channel, payload, requestId ? { requestId } : {});
  return {
    ctx,
    services,
    router,
    demo,
    send,
    async call(channel, payload, requestId) {
      const env = await send(channel, payload, requestId);
      if (!env.ok) throw new Error(`${channel} failed: ${env.error.code} ${env.error.message}`);
      return env.result as never;
    },
    close: async () => {
      await closeServices(services);
      await demo.close();
    },
  };
}
