import { app, BrowserWindow } from 'electron';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildRouter } from '../core/handlers';
import { demoFor } from '../demo/controller';
import { EventBus } from '../ipc/router';
import { Notices } from '../core/notices';
import { APP_VERSION } from '../core/version';
import { SettingsStore } from '../settings/store';
import { resolveDataDir } from '../settings/data-dir';
import type { AppContext } from '../core/app-context';
import { MemorySecretStore, type SecretStore } from '../secrets/secret-store';
import { forwardEvents, registerIpc } from './ipc';
import { electronStoreSettingsBackend } from './settings-backend';
import { SafeStorageSecretStore } from './safe-storage-store';
import { hardenSession, hardenWebContents } from './security';
import { createMainWindow } from './window';
import { claimSingleInstance } from './single-instance';

const here = fileURLToPath(new URL('.', import.meta.url));
const trusted = new Set<number>();

/** The OS-keychain store; without a keychain, credentials are kept for this session only. */
function openSecretStore(file: string, notices: Notices, onCorrupt: (backup: string, reason: string) => void): SecretStore {
  try {
    return new SafeStorageSecretStore(file, onCorrupt);
  } catch (err) {
    notices.add('warning', `${err instanceof Error ? err.message : String(err)} Credentials entered now are kept until the app closes.`);
    return new MemorySecretStore();
  }
}

function createContext(): AppContext {
  const dataDir = process.env.ENGINE_CONSOLE_DATA_DIR ?? resolveDataDir(process.env);
  const notices = new Notices();
  const events = new EventBus();
  notices.attach(events);
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
    secrets: openSecretStore(join(dataDir, 'credentials.safe.json'), notices, corrupt('The credential store')),
    notices,
    events,
  };
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
  // One process per data folder: a second desktop start focuses this one; serve mode or the
  // command line holding the folder is named in a message.
  if (!claimSingleInstance(process.env.ENGINE_CONSOLE_DATA_DIR ?? resolveDataDir(process.env))) return;
  hardenSession();
  const ctx = createContext();
  const router = buildRouter(ctx);
  registerIpc(router, () => trusted);
  // The demo's simulators listen on loopback ports; close them before the process goes.
  app.on('before-quit', () => void demoFor(ctx).stop());
  await createWindow(ctx, router);
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) void createWindow(ctx, router);
  });
});
app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
