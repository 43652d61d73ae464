import { fromErrorData, type Channel, type ElectronApi, type EventMap, type EventName, type ReqIn, type Res } from '../../../contract';
import { httpTransport, ipcTransport, type Transport } from './transport';

declare global {
  interface Window {
    api?: ElectronApi;
  }
}

let transport: Transport | null = null;

/** The transport in use: the preload's `window.api` in Electron, HTTP otherwise. */
export function getTransport(): Transport {
  transport ??= window.api ? ipcTransport(window.api) : httpTransport();
  return transport;
}

/** Replaces the transport (tests). */
export function setTransport(t: Transport): void {
  transport = t;
}

/** Calls one channel; resolves to its result or throws a ContractError. */
export async function call<C extends Channel>(channel: C, payload: ReqIn<C>, opts: { requestId?: string } = {}): Promise<Res<C>> {
  const env = await getTransport().invoke(channel, payload, opts.requestId ? { requestId: opts.requestId } : undefined);
  if (env.ok) return env.result as Res<C>;
  throw fromErrorData(env.error);
}

/** Subscribes to one main → renderer event. */
export function onEvent<E extends EventName>(name: E, listener: (payload: EventMap[E]) => void): () => void {
  return getTransport().subscribe((n, p) => {
    if (n === name) listener(p as EventMap[E]);
  });
}

/** Subscribes to every event (the query-invalidation listener). */
export function onAnyEvent(listener: (name: string, payload: unknown) => void): () => void {
  return getTransport().subscribe(listener);
}

let seq = 0;
/** A fresh request id for long work. */
export function newRequestId(prefix = 'req'): string {
  seq += 1;
  return `${prefix}-${Date.now().toString(36)}-${seq}`;
}
