import type { Handlers } from '../ipc/router';
import type { Services } from './services';

/** When this process started (module load is the start for every entry). */
const STARTED_AT = new Date().toISOString();

type AppChannel = 'app:info' | 'app:notices' | 'app:dismissNotice' | 'settings:get' | 'settings:update' | 'secrets:status';

/** Handlers of the app area (info, notices, settings, store status). */
export function appHandlers({ context: ctx }: Pick<Services, 'context'>): Pick<Handlers, AppChannel> {
  return {
    'app:info': () => ({
      name: 'Engine Console',
      version: ctx.version,
      mode: ctx.mode,
      platform: `${process.platform} ${process.arch}`,
      versions: ctx.versions,
      dataDir: ctx.dataDir,
      demo: ctx.demo,
      startedAt: STARTED_AT,
    }),
    'app:notices': () => ctx.notices.all(),
    'app:dismissNotice': ({ id }) => {
      ctx.notices.dismiss(id);
    },
    'settings:get': () => ctx.settings.get(),
    'settings:update': (patch) => {
      const next = ctx.settings.update(patch);
      ctx.events.emit('settings:changed', next);
      return next;
    },
    'secrets:status': () => ({
      backend: ctx.secrets.backend,
      available: true,
      count: ctx.secrets.keys().length,
    }),
  };
}
