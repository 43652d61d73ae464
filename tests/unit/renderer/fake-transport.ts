import type { Envelope } from '../../../contract';
import { setTransport as set } from '../../../renderer/src/api/client';

type Handler = (payload: unknown) => Envelope<unknown>;

/** Installs a transport that answers from `handlers` and records every call. */
export function setTransport(handlers: Record<string, Handler>) {
  const calls: Array<{ channel: string; payload: unknown }> = [];
  const listeners = new Set<(name: string, payload: unknown) => void>();
  const fake = {
    handlers,
    calls,
    emit: (name: string, payload: unknown) => listeners.forEach((l) => l(name, payload)),
  };
  set({
    kind: 'http',
    invoke: async (channel, payload) => {
      calls.push({ channel, payload });
      const h = fake.handlers[channel];
      return h ? h(payload) : { ok: false, error: { code: 'UNKNOWN_CHANNEL', message: channel, retryable: false } };
    },
    subscribe: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
  });
  return fake;
}
