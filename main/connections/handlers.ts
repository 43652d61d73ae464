import type { connectionsChannels } from '../../contract/channels/connections';
import type { AppContext } from '../core/app-context';
import { throwIfCancelled, type Handlers } from '../ipc/router';
import { connectionsFor } from './service';

type ConnectionChannel = Exclude<keyof typeof connectionsChannels, 'overview:summary'>;

/** Handlers of the Connections area: profile CRUD and the staged Test connection. */
export function connectionsHandlers(ctx: AppContext): Pick<Handlers, ConnectionChannel> {
  const service = () => connectionsFor(ctx);
  return {
    'connections:list': () => service().list(),
    'connections:create': ({ profile }) => service().create(profile),
    'connections:update': ({ id, profile }) => service().update(id, profile),
    'connections:delete': ({ id }) => ({ deleted: service().delete(id) }),
    'connections:test': async ({ id }, hctx) => {
      const total = 6;
      const result = await service().test(id, hctx.signal, (stages) => {
        const done = stages.filter((s) => s.status !== 'pending' && s.status !== 'running').length;
        const current = stages.find((s) => s.status === 'running');
        hctx.progress(done, total, current ? `${current.label}…` : undefined, { stages });
      });
      throwIfCancelled(hctx.signal);
      return result;
    },
  };
}
