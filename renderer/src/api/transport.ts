import type { CallMeta, ElectronApi, Envelope } from '../../../contract';
import { readEventStream } from './event-stream';

/** How the renderer reaches main: Electron IPC through the preload, or HTTP + SSE in serve mode. */
export interface Transport {
  readonly kind: 'ipc' | 'http';
  invoke(channel: string, payload: unknown, meta?: CallMeta): Promise<Envelope<unknown>>;
  subscribe(listener: (name: string, payload: unknown) => void): () => void;
}

/**
 * Not a contract event: the transport tells its listeners that the event stream was connected
 * again after a gap (a dropped or broken stream), so everything shown may be stale and is refetched.
 */
export const RECONNECTED_EVENT = 'transport:reconnected';

/** The sessionStorage key of the serve-mode session secret (kept per tab, across reloads). */
export const SESSION_KEY = 'ec-session';

/** The Electron transport over the preload's `window.api`. */
export function ipcTransport(api: ElectronApi): Transport {
  return { kind: 'ipc', invoke: (c, p, m) => api.invoke(c, p, m), subscribe: (l) => api.on(l) };
}

const SIGNED_OUT: Envelope<unknown> = {
  ok: false,
  error: {
    code: 'UNAUTHENTICATED',
    message:
      'This browser tab is not signed in, or its session ended after a long time without use: open a sign-in link printed by ' +
      '`engine-console serve` (each link works once; the console prints the next one).',
    retryable: false,
  },
};

/**
 * Signs this tab in: a `?token=` in the address is taken out of it at once (so a reload or the
 * history never carries it) and exchanged once for a session secret, kept in sessionStorage so
 * a reload keeps the session and no other tab, site or port ever receives it (unlike a cookie).
 */
async function signIn(base: string): Promise<string | null> {
  const here = new URL(window.location.href);
  const token = here.searchParams.get('token');
  if (token) {
    here.searchParams.delete('token');
    window.history.replaceState(window.history.state, '', here.pathname + here.search + here.hash);
    try {
      const res = await fetch(`${base}/api/session`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ token }),
        credentials: 'omit',
      });
      if (res.ok) {
        const { session } = (await res.json()) as { session: string };
        window.sessionStorage.setItem(SESSION_KEY, session);
        return session;
      }
    } catch {
      // Unreachable server: fall through to a session this tab may already have.
    }
  }
  return window.sessionStorage.getItem(SESSION_KEY);
}

/**
 * The serve-mode transport: `POST /api/rpc/<channel>` and one shared event stream on
 * `/api/events` read with fetch() (EventSource cannot send a header), both carrying
 * `Authorization: Bearer <session>`. A stream the server dropped or that broke is opened again
 * (with a growing pause) and listeners get RECONNECTED_EVENT to refetch.
 */
export function httpTransport(base = ''): Transport {
  const listeners = new Set<(name: string, payload: unknown) => void>();
  let session: Promise<string | null> | null = null;
  let streaming = false;
  const currentSession = () => (session ??= signIn(base));
  const signedOut = () => {
    window.sessionStorage.removeItem(SESSION_KEY);
    session = Promise.resolve(null);
  };
  const emit = (name: string, payload: unknown) => {
    for (const l of listeners) l(name, payload);
  };

  async function stream(): Promise<void> {
    let failures = 0;
    let connectedBefore = false;
    while (listeners.size > 0) {
      const secret = await currentSession();
      if (!secret) break;
      try {
        const res = await fetch(`${base}/api/events`, { headers: { Authorization: `Bearer ${secret}` }, credentials: 'omit' });
        if (res.status === 401) {
          signedOut();
          break;
        }
        if (res.ok && res.body) {
          if (connectedBefore) emit(RECONNECTED_EVENT, {});
          connectedBefore = true;
          failures = 0;
          await readEventStream(res.body, emit);
        }
      } catch {
        // A broken stream: opened again below.
      }
      failures += 1;
      await new Promise((r) => setTimeout(r, Math.min(500 * 2 ** Math.min(failures, 5), 10_000)));
    }
    streaming = false;
  }

  return {
    kind: 'http',
    async invoke(channel, payload, meta) {
      const secret = await currentSession();
      if (!secret) return SIGNED_OUT;
      let res: Response;
      try {
        res = await fetch(`${base}/api/rpc/${encodeURIComponent(channel)}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${secret}` },
          body: JSON.stringify({ payload, requestId: meta?.requestId }),
          credentials: 'omit',
        });
      } catch (err) {
        return { ok: false, error: { code: 'NETWORK', message: `The console server is not reachable: ${String(err)}`, retryable: true } };
      }
      if (res.status === 401) {
        signedOut();
        return SIGNED_OUT;
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
      if (!streaming) {
        streaming = true;
        void stream();
      }
      return () => {
        listeners.delete(listener);
      };
    },
  };
}
