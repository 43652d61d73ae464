import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { CHANNEL_NAMES } from '../../contract';
import type { Router } from '../ipc/router';
import { isTrustedSender, type IpcSender } from '../security/app-origin';

/** The invoke channel and event channel the preload uses; the contract rides inside. */
export const IPC_INVOKE = 'ec:invoke';
export const IPC_EVENT = 'ec:event';

/**
 * The only `ipcMain` user. Requests are refused before parsing unless they come from a
 * webContents main created, from its top frame, while that frame shows the app origin
 * (`isTrustedSender`); the router then validates the payload with its schema.
 */
export function registerIpc(router: Router, trusted: () => ReadonlySet<number>, appOrigin: string): () => void {
  ipcMain.handle(IPC_INVOKE, async (event: IpcMainInvokeEvent, channel: unknown, payload: unknown, meta: unknown) => {
    if (!isTrustedSender(senderOf(event), trusted(), appOrigin)) {
      return { ok: false, error: { code: 'FORBIDDEN', message: 'Untrusted sender', retryable: false } };
    }
    const requestId = typeof meta === 'object' && meta !== null ? (meta as { requestId?: unknown }).requestId : undefined;
    return router.dispatch(String(channel), payload, { requestId });
  });
  return () => ipcMain.removeHandler(IPC_INVOKE);
}

// A frame that navigated or closed meanwhile may throw on access: it then counts as gone.
function senderOf(event: IpcMainInvokeEvent): IpcSender {
  try {
    const frame = event.senderFrame;
    return { id: event.sender.id, frameUrl: frame?.url ?? null, isMainFrame: Boolean(frame) && !frame?.parent };
  } catch {
    return { id: event.sender.id, frameUrl: null, isMainFrame: false };
  }
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
