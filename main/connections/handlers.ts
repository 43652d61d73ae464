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
    'connections:test': async ({ id }, job) => {
      const result = await connections.test(id, job.signal, (stages) => {
        const done = stages.filter((s) => s.status !== 'pending' && s.status !== 'running').length;
        const current = stages.find((s) => s.status === 'running');
        job.report({ done, total: stages.length, ...(current ? { message: `${current.label}…` } : {}), data: { stages } });
      });
      throwIfCancelled(job.signal);
      return result;
    },
  };
}
