import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startServeServer, type ServeHandle } from '../../../main/serve/server';
import { testRouter } from '../../unit/foundation/helpers';

const staticDir = mkdtempSync(join(tmpdir(), 'ec-static-'));
writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>console</title>');

let server: ServeHandle | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const exchange = (origin: string, token: string) =>
  fetch(`${origin}/api/session`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ token }) });
const rpc = (origin: string, session: string) =>
  fetch(`${origin}/api/rpc/app:info`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${session}` },
    body: JSON.stringify({ payload: {} }),
  });

describe('serve-mode sign-in', () => {
  it('the printed token URL signs in once, never sets a cookie, and the next link is handed out', async () => {
    const next: string[] = [];
    server = await startServeServer({ router: testRouter().router, staticDir, onNextSignInUrl: (u) => next.push(u) });
    const { origin, token } = server;

    const page = await fetch(server.url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>console</title>');
    const first = await exchange(origin, token);
    expect(first.status).toBe(200);
    const { session } = (await first.json()) as { session: string };
    expect(session).not.toBe(token);
    expect((await rpc(origin, session)).status).toBe(200);

    // Used: neither the link nor the token works again, and the token is no credential itself.
    expect((await fetch(server.url)).status).toBe(401);
    expect((await exchange(origin, token)).status).toBe(401);
    expect((await rpc(origin, token)).status).toBe(401);

    expect(next).toHaveLength(1);
    const nextToken = new URL(next[0]!).searchParams.get('token')!;
    expect(nextToken).not.toBe(token);
    expect((await exchange(origin, nextToken)).status).toBe(200);
    expect((await exchange(origin, nextToken)).status).toBe(401);

    for (const res of [page, first, await rpc(origin, session), await fetch(`${origin}/`)])
      expect(res.headers.get('set-cookie')).toBeNull();
  });

  it('refuses API requests without a session, and a cookie is no credential', async () => {
    server = await startServeServer({ router: testRouter().router, staticDir });
    const { origin, token } = server;
    expect((await fetch(`${origin}/api/channels`)).status).toBe(401);
    expect((await fetch(`${origin}/api/events`)).status).toBe(401);
    const withCookie = await fetch(`${origin}/api/rpc/app:info`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Cookie: `ec_session=${token}` },
      body: '{}',
    });
    expect(withCookie.status).toBe(401);
    // A sign-in from another origin (a page of another local server) is refused.
    const foreign = await fetch(`${origin}/api/session`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: 'http://127.0.0.1:1' },
      body: JSON.stringify({ token }),
    });
    expect(foreign.status).toBe(403);
    expect((await exchange(origin, token)).status).toBe(200);
  });

  it('a session ends after the idle time, and its open event stream is closed', async () => {
    let now = 1_000_000;
    server = await startServeServer({
      router: testRouter().router,
      staticDir,
      sessionIdleMs: 60_000,
      now: () => now,
      sse: { keepAliveMs: 20 },
    });
    const { origin } = server;
    const session = ((await (await exchange(origin, server.token)).json()) as { session: string }).session;
    now += 59_000;
    expect((await rpc(origin, session)).status).toBe(200);
    // Each request counts as use: 59 s later it is still alive.
    now += 59_000;
    expect((await rpc(origin, session)).status).toBe(200);
    const events = await fetch(`${origin}/api/events`, { headers: { Authorization: `Bearer ${session}` } });
    expect(events.status).toBe(200);
    now += 60_001;
    expect((await rpc(origin, session)).status).toBe(401);
    const text = await events.text();
    expect(text).toContain('event: dropped');
    expect(text).toContain('The session ended.');
    await vi.waitFor(() => expect(server!.sseStats().buffered).toEqual([]));
  });
});
