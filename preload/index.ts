import { contextBridge, ipcRenderer } from 'electron';
import type { ElectronApi } from '../contract/bridge';

// Mirrors main/electron/ipc.ts; the preload is sandboxed and cannot import main code.
const IPC_INVOKE = 'ec:invoke';
const IPC_EVENT = 'ec:event';

const api: ElectronApi = {
  invoke: (channel, payload, meta) => ipcRenderer.invoke(IPC_INVOKE, channel, payload, meta ?? {}),
  on: (listener) => {
    const wrapped = (_e: unknown, name: string, payload: unknown) => listener(name, payload);
    ipcRenderer.on(IPC_EVENT, wrapped);
    return () => {
      ipcRenderer.removeListener(IPC_EVENT, wrapped);
    };
  },
};

contextBridge.exposeInMainWorld('api', api);
