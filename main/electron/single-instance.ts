import { app, BrowserWindow, dialog } from 'electron';
import { acquireDataLock, type DataLock } from '../settings/data-lock';

/**
 * Makes this the only desktop instance on the data folder: Electron's single-instance lock
 * (a second start focuses the open window instead), and the data-folder lock file shared with
 * serve mode and the command line. Returns the lock, or null after telling the user and quitting.
 */
export function claimSingleInstance(dataDir: string): DataLock | null {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return null;
  }
  app.on('second-instance', () => {
    const win = BrowserWindow.getAllWindows()[0];
    if (win?.isMinimized()) win.restore();
    win?.focus();
  });
  try {
    const lock = acquireDataLock(dataDir, 'desktop');
    app.on('will-quit', () => lock.release());
    return lock;
  } catch (err) {
    dialog.showErrorBox('Engine Console is already running', err instanceof Error ? err.message : String(err));
    app.quit();
    return null;
  }
}
