import { app, BrowserWindow, safeStorage } from 'electron';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createContext, type AppContext } from '../app/context';
import { buildRouter } from '../app/handlers';
import { closeServices, createServices } from '../app/services';
import { resolveDataDir } from '../settings/data-dir';
import { openDesktopSecretStore } from '../secrets/desktop-store';
import { APP_ORIGIN } from '../security/app-origin';
import { registerAppScheme, serveAppScheme } from './app-protocol';
import { forwardEvents, registerIpc } from './ipc';
import { electronStoreSettingsBackend } from './settings-backend';
import { hardenSession, hardenWebContents } from './security';
import { createMainWindow } from './window';
import { claimSingleInstance } from './single-instance';

const here = fileURLToPath(new URL('.', import.meta.url));
const trusted = new Set<number>();

/** The desktop context: electron-store settings and the OS keychain (or a fallback it names), in the per-user data folder. */
function createDesktopContext(): Promise<AppContext> {
  return createContext({
    mode: 'desktop',
    dataDir: resolveDataDir(process.env),
    versions: {
      electron: process.versions.electron ?? '',
      chrome: process.versions.chrome ?? '',
      node: process.versions.node,
      v8: process.versions.v8,
    },
    openSettings: electronStoreSettingsBackend,
    openSecrets: (dataDir, notices, onCorrupt) =>
      openDesktopSecretStore({
        dataDir,
        safeStorage,
        env: process.env,
        notify: (severity, message) => notices.add(severity, message),
        onCorrupt,
      }),
  });
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
  // One process per data folder: a second desktop start focuses this one; serve mode or the
  // command line holding the folder is named in a message.
  if (!claimSingleInstance(resolveDataDir(process.env))) return;
  hardenSession();
  serveAppScheme(join(here, '../renderer'));
  const ctx = await createDesktopContext();
  const services = createServices(ctx);
  const router = buildRouter(services);
  registerIpc(router, () => trusted, appOrigin);
  // Running jobs, the demo's simulators and pooled connections are closed before the process goes.
  app.on('before-quit', () => void closeServices(services));
  await createWindow(ctx, router);
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) void createWindow(ctx, router);
  });
});
app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
