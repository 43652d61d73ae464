import type { connectionsChannels } from '../../contract/channels/connections';
import type { Services } from '../app/services';
import { throwIfCancelled, type Handlers } from '../ipc/router';

type ConnectionChannel = Exclude<keyof typeof connectionsChannels, 'overview:summary'>;

/** Handlers of the Connections area: profile CRUD and the staged Test connection. */
export function connectionsHandlers({ connections }: Pick<Services, 'connections'>): Pick<Handlers, ConnectionChannel> {
  return {
    'connections:list': () => connections.list(),
    'connections:create': ({ profile }) => connections.create(profile),
    'connections:update': ({ id, profile }) => connections.update(id, profile),
    'connections:delete': ({ id }) => ({ deleted: connections.delete(id) }),
    'connections:test': async ({ id }, hctx) => {
      const total = 6;
      const result = await connections.test(id, hctx.signal, (stages) => {
        const done = stages.filter((s) => s.status !== 'pending' && s.status !== 'running').length;
        const current = stages.find((s) => s.status === 'running');
        hctx.progress(done, total, current ? `${current.label}…` : undefined, { stages });
      });
      throwIfCancelled(hctx.signal);
      return result;
    },
  };
}
