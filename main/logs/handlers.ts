import type { logsChannels } from '../../contract/channels/logs';
import type { logsTimelineChannels } from '../../contract/channels/logs-timeline';
import type { Services } from '../app/services';
import { throwIfCancelled, type Handlers } from '../ipc/router';
import { statOrNull } from './file-access';
import { runSearchJob } from './search-job';
import { ENGINE_LOG_FOLDER, resolveLogSource } from './source';
import { timelineLocate, timelineRead, timelineTail } from './timeline';

/** Handlers of the Logs area. */
export function logsHandlers({
  context,
  logs: service,
}: Pick<Services, 'context' | 'logs'>): Pick<Handlers, keyof typeof logsChannels | keyof typeof logsTimelineChannels> {
  return {
    'logs:defaults': async () => ({
      engineLogFolder: ENGINE_LOG_FOLDER,
      engineLogFolderExists: (await statOrNull(ENGINE_LOG_FOLDER).catch(() => null))?.isDirectory() ?? false,
    }),
    // Every read gets the request's signal: a client that leaves stops the loop over file data.
    'logs:resolveSource': ({ input }, hctx) => resolveLogSource(input, hctx.signal),
    'logs:tail': ({ path, maxEntries }, hctx) => service.tail(path, maxEntries, hctx.signal),
    'logs:read': ({ path, offset, direction, maxEntries }, hctx) => service.read(path, offset, direction, maxEntries, hctx.signal),
    'logs:lineText': ({ path, offset, end, maxBytes }, hctx) => service.lineText(path, offset, maxBytes, end, hctx.signal),
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
    // The merged timeline: one page across sources; a source that cannot be read is reported in `sources`.
    'logs:timelineTail': ({ sources, maxEntries }, hctx) => timelineTail(service, sources, maxEntries, hctx.signal),
    'logs:timelineRead': ({ sources, cursor, direction, maxEntries }, hctx) =>
      timelineRead(service, sources, cursor, direction, maxEntries, hctx.signal),
    'logs:timelineLocate': ({ sources, time }, hctx) => timelineLocate(service, sources, time, hctx.signal),
    'logs:histogram': async ({ paths, bucketMinutes }, job) => {
      const r = await service.histogram(paths, bucketMinutes, job.signal, (done, total) =>
        job.report({ done, total, message: 'Indexing lines' }),
      );
      throwIfCancelled(job.signal);
      return r;
    },
    'logs:unfollow': async ({ followId }) => ({ stopped: await service.unfollow(followId) }),
  };
}
