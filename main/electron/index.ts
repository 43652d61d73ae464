import { app, BrowserWindow } from 'electron';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createContext, type AppContext, type OnCorrupt } from '../app/context';
import { buildRouter } from '../app/handlers';
import type { Notices } from '../app/notices';
import { closeServices, createServices } from '../app/services';
import { resolveDataDir } from '../settings/data-dir';
import { MemorySecretStore, type SecretStore } from '../secrets/secret-store';
import { forwardEvents, registerIpc } from './ipc';
import { electronStoreSettingsBackend } from './settings-backend';
import { SafeStorageSecretStore } from './safe-storage-store';
import { hardenSession, hardenWebContents } from './security';
import { createMainWindow } from './window';

const here = fileURLToPath(new URL('.', import.meta.url));
const trusted = new Set<number>();

/** The OS-keychain store; without a keychain, credentials are kept for this session only. */
function openSecretStore(dataDir: string, notices: Notices, onCorrupt: OnCorrupt): SecretStore {
  try {
    return new SafeStorageSecretStore(join(dataDir, 'credentials.safe.json'), onCorrupt);
  } catch (err) {
    notices.add('warning', `${err instanceof Error ? err.message : String(err)} Credentials entered now are kept until the app closes.`);
    return new MemorySecretStore();
  }
}

/** The desktop context: electron-store settings and the OS keychain, in the per-user data folder. */
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
    openSecrets: openSecretStore,
  });
}

async function createWindow(ctx: AppContext, router: ReturnType<typeof buildRouter>): Promise<void> {
  const win = createMainWindow(join(here, '../preload/index.cjs'));
  const devUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined;
  const appOrigin = devUrl ? new URL(devUrl).origin : 'file://';
  hardenWebContents(win.webContents, appOrigin, () => ctx.settings.get().allowedExternalHosts);
  trusted.add(win.webContents.id);
  const stopEvents = forwardEvents(router, win.webContents);
  win.on('closed', () => {
    stopEvents();
    trusted.delete(win.webContents.id);
  });
  win.once('ready-to-show', () => win.show());
  if (devUrl) await win.loadURL(devUrl);
  else await win.loadFile(join(here, '../renderer/index.html'));
}

app.enableSandbox();
app.on('web-contents-created', (_e, contents) => {
  contents.on('will-attach-webview', (event) => event.preventDefault());
});
void app.whenReady().then(async () => {
  hardenSession();
  const ctx = await createDesktopContext();
  const services = createServices(ctx);
  const router = buildRouter(services);
  registerIpc(router, () => trusted);
  // The demo's simulators listen on loopback ports; close them (and pooled connections) before the process goes.
  app.on('before-quit', () => void closeServices(services));
  await createWindow(ctx, router);
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) void createWindow(ctx, router);
  });
});
app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
