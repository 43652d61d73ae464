import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CHANNEL_NAMES, type Envelope } from '../../../contract';
import { APP_ORIGIN } from '../../../main/security/app-origin';
import { startServeServer, type ServeHandle } from '../../../main/serve/server';
import { testRouter } from '../../unit/foundation/helpers';

// The Electron transport, with `electron` replaced by a recorder of what the wrapper registers.
const registered = new Map<string, (event: unknown, ...args: unknown[]) => Promise<unknown>>();
vi.mock('electron', () => ({
  ipcMain: {
    handle: (name: string, fn: (event: unknown, ...args: unknown[]) => Promise<unknown>) => registered.set(name, fn),
    removeHandler: (name: string) => registered.delete(name),
  },
}));
const { registerIpc, IPC_INVOKE } = await import('../../../main/electron/ipc');

const MALFORMED: readonly unknown[] = [
  null,
  42,
  'text',
  true,
  [],
  [1, 2],
  { __unexpected__: true },
  { a: { b: { c: { d: { e: {} } } } } },
  { x: 'y'.repeat(100_000) },
  JSON.parse('{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}}'),
];

describe('both transports expose exactly the contract', () => {
  const { router } = testRouter();
  const trustedId = 7;
  let server: ServeHandle;
  let ipc: (channel: string, payload: unknown, senderId?: number) => Promise<Envelope<unknown>>;
  let handler: (event: unknown, ...args: unknown[]) => Promise<unknown>;
  let http: (channel: string, payload: unknown) => Promise<Envelope<unknown>>;
  let session: string;

  beforeAll(async () => {
    const staticDir = mkdtempSync(join(tmpdir(), 'ec-static-'));
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>t</title>');
    server = await startServeServer({ router, staticDir });
    // Signed in the way the page does: the printed token, exchanged once for a session.
    const signIn = await fetch(`${server.origin}/api/session`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ token: server.token }),
    });
    session = ((await signIn.json()) as { session: string }).session;
    registerIpc(router, () => new Set([trustedId]), APP_ORIGIN);
    handler = registered.get(IPC_INVOKE)!;
    ipc = async (channel, payload, senderId = trustedId) =>
      (await handler(
        { sender: { id: senderId }, senderFrame: { parent: null, url: `${APP_ORIGIN}/index.html#/logs` } },
        channel,
        payload,
        {},
      )) as Envelope<unknown>;
    http = async (channel, payload) => {
      const res = await fetch(`${server.origin}/api/rpc/${encodeURIComponent(channel)}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${session}` },
        body: JSON.stringify({ payload }),
      });
      expect(res.status).toBe(200);
      return (await res.json()) as Envelope<unknown>;
    };
  });
  afterAll(async () => server.close());

  it('serve mode lists the contract channels', async () => {
    const res = await fetch(`${server.origin}/api/channels`, { headers: { Authorization: `Bearer ${session}` } });
    const body = (await res.json()) as { channels: string[] };
    expect(body.channels.sort()).toEqual([...CHANNEL_NAMES].sort());
  });

  it('every contract channel is routed by both transports, and nothing else is', async () => {
    for (const name of CHANNEL_NAMES) {
      for (const send of [ipc, http]) {
        const env = await send(name, { __unexpected__: 1 });
        // Routed: the channel's own schema answered, not "unknown channel".
        expect(env, name).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
      }
    }
    for (const send of [ipc, http]) {
      expect(await send('app:nothing', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    }
  });

  it('the Electron transport refuses untrusted senders before parsing', async () => {
    expect(await ipc('app:info', {}, 999)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await ipc('app:info', {})).toMatchObject({ ok: true });
    // A trusted window whose top frame shows another page, an iframe, or a frame already gone.
    for (const senderFrame of [
      { parent: null, url: 'https://evil.example/' },
      { parent: null, url: 'file:///etc/passwd' },
      { parent: {}, url: `${APP_ORIGIN}/index.html` },
      null,
    ]) {
      expect(await handler({ sender: { id: trustedId }, senderFrame }, 'app:info', {}, {})).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN' },
      });
    }
  });

  it('malformed payloads on every channel get a validation error and nothing crashes', async () => {
    for (const name of CHANNEL_NAMES) {
      for (const payload of MALFORMED) {
        for (const send of [ipc, http]) {
          const env = await send(name, payload);
          expect(env.ok, `${name} accepted ${JSON.stringify(payload).slice(0, 60)}`).toBe(false);
          if (!env.ok) expect(env.error.code, name).toBe('VALIDATION');
        }
      }
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    // Still serving after the barrage.
    expect(await http('app:info', {})).toMatchObject({ ok: true });
  });

  it('malformed HTTP bodies are refused cleanly', async () => {
    const post = (body: string, type = 'application/json') =>
      fetch(`${server.origin}/api/rpc/app:info`, {
        method: 'POST',
        headers: { 'Content-Type': type, Authorization: `Bearer ${session}` },
        body,
      });
    expect(await (await post('{not json')).json()).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await (await post('[1,2]')).json()).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect((await post('{}', 'text/plain')).status).toBe(415);
    expect((await post(JSON.stringify({ payload: 'x'.repeat(3 * 1024 * 1024) }))).status).toBe(413);
    const cross = await fetch(`${server.origin}/api/rpc/app:info`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${session}`, Origin: 'http://evil.example' },
      body: '{}',
    });
    expect(cross.status).toBe(403);
  });

  it('pushes events over server-sent events', async () => {
    const controller = new AbortController();
    const res = await fetch(`${server.origin}/api/events`, {
      headers: { Authorization: `Bearer ${session}` },
      signal: controller.signal,
    });
    const reader = res.body!.getReader();
    await reader.read(); // ": connected"
    await http('settings:update', { theme: 'light' });
    let text = '';
    while (!text.includes('settings:changed')) {
      const { value, done } = await reader.read();
      if (done) break;
      text += new TextDecoder().decode(value);
    }
    controller.abort();
    const line = text.split('\n').find((l) => l.startsWith('data: ') && l.includes('settings:changed'))!;
    expect(JSON.parse(line.slice(6))).toMatchObject({ name: 'settings:changed', payload: { theme: 'light' } });
  });

  it('static files are served only inside the renderer folder', async () => {
    const auth = { Authorization: `Bearer ${session}` };
    expect((await fetch(`${server.origin}/`, { headers: auth })).status).toBe(200);
    expect((await fetch(`${server.origin}/some/client/route`, { headers: auth })).status).toBe(200);
    for (const path of ['/%2e%2e/%2e%2e/etc/passwd', '/..%2f..%2f..%2fetc%2fpasswd', '/assets/..%5c..%5c..%5cetc%5cpasswd']) {
      const res = await fetch(`${server.origin}${path}`, { headers: auth });
      expect(await res.text()).not.toContain('root:');
    }
    expect((await fetch(`${server.origin}/missing.js`, { headers: auth })).status).toBe(404);
  });
});
