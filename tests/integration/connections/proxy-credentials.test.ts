import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tunnel, endpointOf } from '../../../main/connections/diagnostics/net';
import { demoRig, type DemoRig } from './fixture';

const PROXY_USER = 'proxy-user';
const PROXY_PW = 'Pr0xy:Pa55%w@rd';
const EXPECTED = `Basic ${Buffer.from(`${PROXY_USER}:${PROXY_PW}`).toString('base64')}`;

/** A CONNECT proxy that answers 407 unless the request carries the expected Basic credentials. */
async function authProxy(): Promise<{ url: string; seen: Array<string | undefined>; server: Server }> {
  const seen: Array<string | undefined> = [];
  const server = createServer((_req, res) => res.writeHead(405).end());
  server.on('connect', (req, socket, head) => {
    const auth = req.headers['proxy-authorization'];
    seen.push(auth);
    if (auth !== EXPECTED) {
      socket.end('HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="corp"\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    const [host, port] = (req.url ?? '').split(':');
    const upstream = connect(Number(port), host, () => {
      socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(socket);
      socket.pipe(upstream);
    });
    upstream.on('error', () => socket.destroy());
    socket.on('error', () => upstream.destroy());
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen, server };
}

describe('Test connection through a proxy that needs credentials (issue 8 item 12)', () => {
  let rig: DemoRig;
  let proxy: Awaited<ReturnType<typeof authProxy>>;
  beforeAll(async () => {
    rig = await demoRig();
    proxy = await authProxy();
  }, 60_000);
  afterAll(async () => {
    proxy?.server.closeAllConnections();
    proxy?.server.close();
    await rig?.close();
  });

  const create = (proxyPart: Record<string, string>) =>
    rig.call('connections:create', {
      profile: {
        kind: 'secret-server',
        name: `SS via proxy ${Math.random()}`,
        baseUrl: rig.demo.info.secretServer.url,
        username: rig.demo.info.secretServer.username,
        password: rig.demo.info.secretServer.password,
        ...proxyPart,
      } as never,
    });

  it('signs in through the proxy with the credentials from the secret store, typed inside the URL', async () => {
    const u = new URL(proxy.url);
    u.username = encodeURIComponent(PROXY_USER);
    u.password = encodeURIComponent(PROXY_PW);
    const p = await create({ proxyUrl: u.href.replace(/\/$/, '') });
    expect(p).toMatchObject({ proxyUrl: proxy.url, proxyUsername: PROXY_USER, hasProxyPassword: true });
    const before = proxy.seen.length;
    const r = await rig.call('connections:test', { id: p.id });
    expect(r.stages.map((s) => [s.id, s.status])).toEqual([
      ['dns', 'pass'],
      ['tcp', 'pass'],
      ['tls', 'skipped'],
      ['http', 'pass'],
      ['auth', 'pass'],
      ['permissions', 'pass'],
    ]);
    expect(proxy.seen.length).toBeGreaterThan(before);
    expect(proxy.seen.slice(before).every((a) => a === EXPECTED)).toBe(true);
    expect(JSON.stringify(await rig.call('connections:list', {}))).not.toContain('Pa55');
  });

  it('a wrong proxy password fails the HTTP stage, and the message never holds it', async () => {
    const p = await create({ proxyUrl: proxy.url, proxyUsername: PROXY_USER, proxyPassword: 'Wrong-Proxy-Pw-1' });
    const r = await rig.call('connections:test', { id: p.id });
    expect(r.ok).toBe(false);
    expect(r.failedStage).toBe('http');
    expect(JSON.stringify(r)).not.toContain('Wrong-Proxy-Pw-1');
    expect(JSON.stringify(r)).not.toContain(Buffer.from(`${PROXY_USER}:Wrong-Proxy-Pw-1`).toString('base64'));
  });

  it('the TLS stage’s CONNECT tunnel carries the same credentials', async () => {
    const target = endpointOf(rig.demo.info.secretServer.url);
    const signal = new AbortController().signal;
    const socket = await tunnel(proxy.url, target, signal, 5_000, { username: PROXY_USER, password: PROXY_PW });
    socket.destroy();
    await expect(tunnel(proxy.url, target, signal, 5_000)).rejects.toThrow(/HTTP 407/);
  });
});
