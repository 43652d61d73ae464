import type { logsChannels } from '../../contract/channels/logs';
import type { Services } from '../app/services';
import { throwIfCancelled, type Handlers } from '../ipc/router';
import { statOrNull } from './file-access';
import { runSearchJob } from './search-job';
import { ENGINE_LOG_FOLDER, resolveLogSource } from './source';

/** Handlers of the Logs area. */
export function logsHandlers({ context, logs: service }: Pick<Services, 'context' | 'logs'>): Pick<Handlers, keyof typeof logsChannels> {
  return {
    'logs:defaults': async () => ({
      engineLogFolder: ENGINE_LOG_FOLDER,
      engineLogFolderExists: (await statOrNull(ENGINE_LOG_FOLDER).catch(() => null))?.isDirectory() ?? false,
    }),
    'logs:resolveSource': ({ input }) => resolveLogSource(input),
    'logs:tail': ({ path, maxEntries }) => service.tail(path, maxEntries),
    'logs:read': ({ path, offset, direction, maxEntries }) => service.read(path, offset, direction, maxEntries),
    'logs:lineText': ({ path, offset, end, maxBytes }) => service.lineText(path, offset, maxBytes, end),
    'logs:locate': async ({ path, line, time }, job) => {
      const r = await service.locate(path, { line, time }, job.signal, (done, total) =>
        job.report({ done, total, message: 'Indexing lines' }),
      );
      throwIfCancelled(job.signal);
      return r;
    },
    'logs:index': async ({ path }, job) => {
      const r = await service.index(path, job.signal, (done, total) => job.report({ done, total, message: 'Indexing lines' }));
      throwIfCancelled(job.signal);
      return r;
    },
    'logs:search': (req, job) => runSearchJob(req, job, (q, signal, onProgress) => service.search(q, signal, onProgress)),
    'logs:follow': ({ path, offset, fileId }) => ({
      followId: service.follow(path, offset, fileId, (e) => context.events.emit('logs:lines', e)),
    }),
    'logs:renew': ({ followId }) => ({ renewed: service.renew(followId) }),
    'logs:unfollow': async ({ followId }) => ({ stopped: await service.unfollow(followId) }),
  };
}
