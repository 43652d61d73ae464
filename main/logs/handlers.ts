import { FOLLOW_LEASE_MS, type logsChannels } from '../../contract/channels/logs';
import type { AppContext } from '../core/app-context';
import { throwIfCancelled, type Handlers } from '../ipc/router';
import { statOrNull } from './file-access';
import { LogService } from './service';
import { ENGINE_LOG_FOLDER, resolveLogSource } from './source';

/** Handlers of the Logs area. */
export function logsHandlers(
  ctx: AppContext,
  service = new LogService({ leaseMs: FOLLOW_LEASE_MS }),
): Pick<Handlers, keyof typeof logsChannels> {
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
    'logs:locate': async ({ path, line, time }, hctx) => {
      const r = await service.locate(path, { line, time }, hctx.signal, (done, total) => hctx.progress(done, total, 'Indexing lines'));
      throwIfCancelled(hctx.signal);
      return r;
    },
    'logs:index': async ({ path }, hctx) => {
      const r = await service.index(path, hctx.signal, (done, total) => hctx.progress(done, total, 'Indexing lines'));
      throwIfCancelled(hctx.signal);
      return r;
    },
    'logs:search': async (req, hctx) => {
      const r = await service.search(req, hctx.signal, (done, total, hits, checkpoint) =>
        hctx.progress(done, total, `Searched ${Math.round(done / 1048576)} of ${Math.round(total / 1048576)} MB`, { hits, checkpoint }),
      );
      throwIfCancelled(hctx.signal);
      return r;
    },
    'logs:follow': ({ path, offset, fileId }) => ({
      followId: service.follow(path, offset, fileId, (e) => ctx.events.emit('logs:lines', e)),
    }),
    'logs:renew': ({ followId }) => ({ renewed: service.renew(followId) }),
    'logs:unfollow': async ({ followId }) => ({ stopped: await service.unfollow(followId) }),
  };
}
