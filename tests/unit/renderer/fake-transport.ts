import type { CallMeta, Envelope } from '../../../contract';
import { setTransport as set } from '../../../renderer/src/api/client';

/** Answers one channel; may return a promise to hold long work open until the test settles it. */
type Handler = (payload: unknown, meta?: CallMeta) => Envelope<unknown> | Promise<Envelope<unknown>>;

/** Installs a transport that answers from `handlers` and records every call (with its request id). */
export function setTransport(handlers: Record<string, Handler>) {
  const calls: Array<{ channel: string; payload: unknown; requestId?: string }> = [];
  const listeners = new Set<(name: string, payload: unknown) => void>();
  const fake = {
    handlers,
    calls,
    emit: (name: string, payload: unknown) => listeners.forEach((l) => l(name, payload)),
  };
  set({
    kind: 'http',
    invoke: async (channel, payload, meta) => {
      calls.push({ channel, payload, ...(meta?.requestId ? { requestId: meta.requestId } : {}) });
      const h = fake.handlers[channel];
      return h ? h(payload, meta) : { ok: false, error: { code: 'UNKNOWN_CHANNEL', message: channel, retryable: false } };
    },
    subscribe: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
  });
  return fake;
}
