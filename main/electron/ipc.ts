import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { CHANNEL_NAMES } from '../../contract';
import type { Router } from '../ipc/router';

/** The invoke channel and event channel the preload uses; the contract rides inside. */
export const IPC_INVOKE = 'ec:invoke';
export const IPC_EVENT = 'ec:event';

/**
 * The only `ipcMain` user. Requests from a webContents that is not trusted are refused before
 * parsing; the router then validates the payload with its schema.
 */
export function registerIpc(router: Router, trusted: () => ReadonlySet<number>): () => void {
  ipcMain.handle(IPC_INVOKE, async (event: IpcMainInvokeEvent, channel: unknown, payload: unknown, meta: unknown) => {
    if (!trusted().has(event.sender.id) || event.senderFrame?.parent) {
      return { ok: false, error: { code: 'FORBIDDEN', message: 'Untrusted sender', retryable: false } };
    }
    const requestId = typeof meta === 'object' && meta !== null ? (meta as { requestId?: unknown }).requestId : undefined;
    return router.dispatch(String(channel), payload, { requestId });
  });
  return () => ipcMain.removeHandler(IPC_INVOKE);
}

/** Forwards every event of the bus to one window. */
export function forwardEvents(router: Router, contents: WebContents): () => void {
  return router.events.subscribe((name, payload) => {
    if (!contents.isDestroyed()) contents.send(IPC_EVENT, name, payload);
  });
}

/** The channels the Electron transport serves (for the transport-parity test). */
export function ipcChannelNames(router: Router): string[] {
  return router.channelNames().filter((c) => CHANNEL_NAMES.includes(c));
}
