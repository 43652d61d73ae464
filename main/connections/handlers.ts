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
    'connections:test': async ({ id }, job) => {
      const result = await service().test(id, job.signal, (stages) => {
        const done = stages.filter((s) => s.status !== 'pending' && s.status !== 'running').length;
        const current = stages.find((s) => s.status === 'running');
        job.report({ done, total: stages.length, ...(current ? { message: `${current.label}…` } : {}), data: { stages } });
      });
      throwIfCancelled(job.signal);
      return result;
    },
  };
}
