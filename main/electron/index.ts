import { app, BrowserWindow, safeStorage } from 'electron';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildRouter } from '../core/handlers';
import { demoFor } from '../demo/controller';
import { EventBus } from '../ipc/router';
import { Notices, announcePreparedDataDir } from '../core/notices';
import { APP_VERSION } from '../core/version';
import { SettingsStore } from '../settings/store';
import { prepareDataDir, resolveDataDir } from '../settings/data-dir';
import type { AppContext } from '../core/app-context';
import { openDesktopSecretStore } from '../secrets/desktop-store';
import { APP_ORIGIN } from '../security/app-origin';
import { registerAppScheme, serveAppScheme } from './app-protocol';
import { forwardEvents, registerIpc } from './ipc';
import { electronStoreSettingsBackend } from './settings-backend';
import { hardenSession, hardenWebContents } from './security';
import { createMainWindow } from './window';

const here = fileURLToPath(new URL('.', import.meta.url));
const trusted = new Set<number>();

function createContext(): AppContext {
  const dataDir = process.env.ENGINE_CONSOLE_DATA_DIR ?? resolveDataDir(process.env);
  const notices = new Notices();
  const events = new EventBus();
  notices.attach(events);
  announcePreparedDataDir(dataDir, prepareDataDir(dataDir), notices);
  const corrupt = (what: string) => (backup: string, reason: string) =>
    notices.add('warning', `${what} was unreadable (${reason}); it was backed up to ${backup} and started empty.`);
  return {
    mode: 'desktop',
    dataDir,
    demo: false,
    version: APP_VERSION,
    versions: {
      electron: process.versions.electron ?? '',
      chrome: process.versions.chrome ?? '',
      node: process.versions.node,
      v8: process.versions.v8,
    },
    settings: new SettingsStore(electronStoreSettingsBackend(dataDir, corrupt('The settings file'))),
    secrets: openDesktopSecretStore({
      dataDir,
      safeStorage,
      env: process.env,
      notify: (severity, message) => notices.add(severity, message),
      onCorrupt: corrupt('The credential store'),
    }),
    notices,
    events,
  };
}

// The dev server (electron-vite dev) when not packaged, else the built renderer under app://.
const devUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined;
const appOrigin = devUrl ? new URL(devUrl).origin : APP_ORIGIN;

async function createWindow(ctx: AppContext, router: ReturnType<typeof buildRouter>): Promise<void> {
  const win = createMainWindow(join(here, '../preload/index.cjs'));
  hardenWebContents(win.webContents, appOrigin, () => ctx.settings.get().allowedExternalHosts);
  trusted.add(win.webContents.id);
  const stopEvents = forwardEvents(router, win.webContents);
  win.on('closed', () => {
    stopEvents();
    trusted.delete(win.webContents.id);
  });
  win.once('ready-to-show', () => win.show());
  await win.loadURL(devUrl ?? `${APP_ORIGIN}/index.html`);
}

app.enableSandbox();
registerAppScheme();
app.on('web-contents-created', (_e, contents) => {
  contents.on('will-attach-webview', (event) => event.preventDefault());
});
void app.whenReady().then(async () => {
  hardenSession();
  serveAppScheme(join(here, '../renderer'));
  const ctx = createContext();
  const router = buildRouter(ctx);
  registerIpc(router, () => trusted, appOrigin);
  // The demo's simulators listen on loopback ports; close them before the process goes.
  app.on('before-quit', () => {
    void router.jobs.shutdown();
    void demoFor(ctx).stop();
  });
  await createWindow(ctx, router);
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) void createWindow(ctx, router);
  });
});
app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
