// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { httpTransport, RECONNECTED_EVENT, SESSION_KEY } from '../../../renderer/src/api/transport';

type Reply = Response | (() => Response);
const encoder = new TextEncoder();

/** A body that sends `frames` and then ends, or stays open when `open`. */
function sse(frames: string[], open = false): Response {
  const body = new ReadableStream<Uint8Array>({
    start(c) {
      for (const f of frames) c.enqueue(encoder.encode(f));
      if (!open) c.close();
    },
  });
  return new Response(body, { status: 200, headers: { 'Content-Type': 'text/event-stream' } });
}

function fakeFetch(routes: Record<string, Reply[]>) {
  const calls: Array<{ url: string; init: RequestInit | undefined }> = [];
  const fn = vi.fn(async (url: string, init?: RequestInit) => {
    calls.push({ url, init });
    const next = routes[url]?.shift();
    if (!next) return new Response('no route', { status: 404 });
    return typeof next === 'function' ? next() : next;
  });
  vi.stubGlobal('fetch', fn);
  return calls;
}
const json = (v: unknown, status = 200) => new Response(JSON.stringify(v), { status, headers: { 'Content-Type': 'application/json' } });
const auth = (init: RequestInit | undefined) => new Headers(init?.headers).get('Authorization');

describe('serve-mode transport', () => {
  beforeEach(() => {
    window.sessionStorage.clear();
    window.history.replaceState(null, '', '/?token=printed-token#/logs?path=x');
  });
  afterEach(() => vi.unstubAllGlobals());

  it('exchanges the printed token once, drops it from the address, and sends the session as a header (kept over a reload)', async () => {
    const calls = fakeFetch({
      '/api/session': [json({ session: 'S1', idleMs: 1000 })],
      '/api/rpc/app%3Ainfo': [json({ ok: true, result: 1 }), json({ ok: true, result: 2 })],
    });
    const first = httpTransport();
    expect(await first.invoke('app:info', {})).toEqual({ ok: true, result: 1 });
    expect(window.location.search).toBe('');
    expect(window.location.hash).toBe('#/logs?path=x');
    expect(JSON.parse(String(calls[0]!.init!.body))).toEqual({ token: 'printed-token' });
    expect(auth(calls[1]!.init)).toBe('Bearer S1');
    expect(calls[1]!.init!.credentials).toBe('omit');
    expect(window.sessionStorage.getItem(SESSION_KEY)).toBe('S1');
    // A reload: no token any more, the tab's session is used.
    const reloaded = httpTransport();
    expect(await reloaded.invoke('app:info', {})).toEqual({ ok: true, result: 2 });
    expect(auth(calls[2]!.init)).toBe('Bearer S1');
    expect(calls.filter((c) => c.url === '/api/session')).toHaveLength(1);
  });

  it('a refused session signs the tab out with a message saying how to sign in', async () => {
    window.history.replaceState(null, '', '/');
    window.sessionStorage.setItem(SESSION_KEY, 'expired');
    fakeFetch({ '/api/rpc/app%3Ainfo': [new Response('Unauthorized', { status: 401 })] });
    const env = await httpTransport().invoke('app:info', {});
    expect(env).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED', message: expect.stringContaining('sign-in link') } });
    expect(window.sessionStorage.getItem(SESSION_KEY)).toBeNull();
  });

  it('reads events with the session header, and after the server drops the stream connects again and asks for a refetch', async () => {
    const calls = fakeFetch({
      '/api/session': [json({ session: 'S2', idleMs: 1000 })],
      '/api/events': [
        sse([': connected\n\n', 'data: {"name":"fleet:changed","payload":{}}\n\n', 'event: dropped\ndata: {"reason":"behind"}\n\n']),
        () => sse([': connected\n\n', 'data: {"name":"settings:changed","payload":{"theme":"dark"}}\n\n'], true),
      ],
    });
    const seen: string[] = [];
    httpTransport().subscribe((name) => seen.push(name));
    await vi.waitFor(() => expect(seen).toEqual(['fleet:changed', RECONNECTED_EVENT, 'settings:changed']), { timeout: 5000 });
    for (const c of calls.filter((x) => x.url === '/api/events')) expect(auth(c.init)).toBe('Bearer S2');
  });
});
