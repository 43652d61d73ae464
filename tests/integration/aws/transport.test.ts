import { mkdtempSync } from 'node:fs';
import { createServer as createHttpServer, request as httpRequest, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { connect, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAwsRequestHandler, createSecretsManagerClient, listAllSecrets } from '../../../main/aws';
import { startAwsSecretsManagerSimulator, type AwsSimulator } from '../../../simulators/aws-secrets-manager';
import { selfSignedCert } from '../../support/self-signed';

const dir = mkdtempSync(join(tmpdir(), 'aws-tls-'));
let certFile = '';

/** An HTTPS front (self-signed, like an internal PKI endpoint) relaying to the simulator. */
async function httpsFront(sim: AwsSimulator): Promise<{ url: string; close: () => Promise<void> }> {
  const tls = selfSignedCert();
  certFile = tls.certFile;
  const target = new URL(sim.endpoint);
  const server = createHttpsServer({ key: tls.key, cert: tls.cert }, (req, res) => {
    const up = httpRequest({ host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers }, (r) => {
      res.writeHead(r.statusCode ?? 502, r.headers);
      r.pipe(res);
    });
    req.pipe(up);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `https://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise((r) => server.close(() => r())) };
}

/** A CONNECT proxy that records the tunnels it opened; with `auth`, others get 407. */
async function connectProxy(auth?: string): Promise<{ url: string; tunnels: string[]; server: Server }> {
  const tunnels: string[] = [];
  const server = createHttpServer();
  server.on('connect', (req, socket, head) => {
    if (auth && req.headers['proxy-authorization'] !== auth) {
      socket.end('HTTP/1.1 407 Proxy Authentication Required\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    tunnels.push(req.url ?? '');
    const [host, port] = (req.url ?? '').split(':');
    const upstream = connect(Number(port), host, () => {
      socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(socket);
      socket.pipe(upstream);
    });
    upstream.on('error', () => socket.destroy());
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, tunnels, server };
}

describe('AWS profile transport: extra CA and proxy', () => {
  let sim: AwsSimulator;
  let front: Awaited<ReturnType<typeof httpsFront>>;
  beforeAll(async () => {
    sim = await startAwsSecretsManagerSimulator();
    sim.state.put('app/db', 'value-1');
    front = await httpsFront(sim);
  });
  afterAll(async () => {
    await front.close();
    await sim.close();
  });

  const client = (requestHandler?: Awaited<ReturnType<typeof createAwsRequestHandler>>) =>
    createSecretsManagerClient(
      { region: sim.region, endpoint: front.url, credentials: { kind: 'static', key: sim.credentials }, maxAttempts: 1 },
      { requestHandler },
    );

  it('refuses an endpoint whose certificate is not trusted, with a TLS error', async () => {
    await expect(listAllSecrets(client())).rejects.toMatchObject({ code: 'TLS' });
  });

  it('trusts the endpoint once the profile names its CA file', async () => {
    const secrets = await listAllSecrets(client(await createAwsRequestHandler({ caFile: certFile })));
    expect(secrets.map((s) => s.Name)).toContain('app/db');
  });

  it('goes through the profile proxy with CONNECT, certificate checks still on', async () => {
    const proxy = await connectProxy();
    try {
      const secrets = await listAllSecrets(client(await createAwsRequestHandler({ caFile: certFile, proxyUrl: proxy.url })));
      expect(secrets.map((s) => s.Name)).toContain('app/db');
      expect(proxy.tunnels).toContain(new URL(front.url).host);
      await expect(listAllSecrets(client(await createAwsRequestHandler({ proxyUrl: proxy.url })))).rejects.toMatchObject({ code: 'TLS' });
    } finally {
      proxy.server.close();
    }
  });

  it('sends the proxy credentials from the profile as Proxy-Authorization, a password with % and : intact', async () => {
    const proxyAuth = { username: 'proxy-user', password: 'P%4:0x@y' };
    const proxy = await connectProxy(`Basic ${Buffer.from('proxy-user:P%4:0x@y').toString('base64')}`);
    try {
      const handler = await createAwsRequestHandler({ caFile: certFile, proxyUrl: proxy.url, proxyAuth });
      expect((await listAllSecrets(client(handler))).map((s) => s.Name)).toContain('app/db');
      expect(proxy.tunnels).toEqual([new URL(front.url).host]);
      const plain = await createAwsRequestHandler({ proxyUrl: proxy.url, proxyAuth });
      await expect(listAllSecrets(client(plain))).rejects.toMatchObject({ code: 'TLS' });
      const noAuth = await createAwsRequestHandler({ caFile: certFile, proxyUrl: proxy.url });
      await expect(listAllSecrets(client(noAuth))).rejects.toBeTruthy();
      expect(proxy.tunnels).toHaveLength(2);
    } finally {
      proxy.server.close();
    }
  });

  it('names the field or file when the settings are wrong', async () => {
    await expect(createAwsRequestHandler({ caFile: join(dir, 'missing.pem') })).rejects.toMatchObject({ code: 'FILE' });
    await expect(createAwsRequestHandler({ proxyUrl: 'socks5://x:1' })).rejects.toMatchObject({
      code: 'VALIDATION',
      details: { field: 'proxyUrl' },
    });
  });
});
