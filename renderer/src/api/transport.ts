import type { CallMeta, ElectronApi, Envelope } from '../../../contract';

/** How the renderer reaches main: Electron IPC through the preload, or HTTP + SSE in serve mode. */
export interface Transport {
  readonly kind: 'ipc' | 'http';
  invoke(channel: string, payload: unknown, meta?: CallMeta): Promise<Envelope<unknown>>;
  subscribe(listener: (name: string, payload: unknown) => void): () => void;
}

/** The Electron transport over the preload's `window.api`. */
export function ipcTransport(api: ElectronApi): Transport {
  return { kind: 'ipc', invoke: (c, p, m) => api.invoke(c, p, m), subscribe: (l) => api.on(l) };
}

/**
 * The serve-mode transport: `POST /api/rpc/<channel>` and one shared EventSource on
 * `/api/events` carrying `{name, payload}` messages (the session cookie authenticates both).
 */
export function httpTransport(base = ''): Transport {
  const listeners = new Set<(name: string, payload: unknown) => void>();
  let source: EventSource | null = null;

  return {
    kind: 'http',
    async invoke(channel, payload, meta) {
      let res: Response;
      try {
        res = await fetch(`${base}/api/rpc/${encodeURIComponent(channel)}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ payload, requestId: meta?.requestId }),
          credentials: 'same-origin',
        });
      } catch (err) {
        return { ok: false, error: { code: 'NETWORK', message: `The console server is not reachable: ${String(err)}`, retryable: true } };
      }
      if (res.status === 401) {
        return {
          ok: false,
          error: {
            code: 'UNAUTHENTICATED',
            message: 'This browser session is not signed in: open the URL printed by `engine-console serve`.',
            retryable: false,
          },
        };
      }
      try {
        return (await res.json()) as Envelope<unknown>;
      } catch {
        return {
          ok: false,
          error: { code: 'BAD_RESPONSE', message: `Unexpected reply from the console server (HTTP ${res.status})`, retryable: true },
        };
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      if (!source) {
        source = new EventSource(`${base}/api/events`);
        source.onmessage = (ev: MessageEvent<string>) => {
          let msg: { name?: unknown; payload?: unknown };
          try {
            msg = JSON.parse(ev.data) as typeof msg;
          } catch {
            return;
          }
          if (typeof msg.name !== 'string') return;
          for (const l of listeners) l(msg.name, msg.payload);
        };
      }
      return () => {
        listeners.delete(listener);
      };
    },
  };
}
