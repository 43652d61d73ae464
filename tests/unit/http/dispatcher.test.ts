import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { selfSignedCert } from '../../support/self-signed';
import { createDispatcher, createHttpClient, requestJson } from '../../../main/http';
import { rejection } from '../../support/contract-error';

const dir = mkdtempSync(join(tmpdir(), 'http-ca-'));

describe('createDispatcher', () => {
  it('names the file when the CA file is missing or not PEM', async () => {
    const missing = await rejection(createDispatcher({ caFile: join(dir, 'nope.pem') }));
    expect(missing.code).toBe('FILE');
    expect(missing.message).toContain('nope.pem');
    const junk = join(dir, 'junk.pem');
    writeFileSync(junk, 'hello');
    const bad = await rejection(createDispatcher({ caFile: junk }));
    expect(bad.code).toBe('FILE');
    expect(bad.message).toContain('junk.pem');
    const broken = join(dir, 'broken.pem');
    writeFileSync(broken, '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n');
    expect((await rejection(createDispatcher({ caFile: broken }))).code).toBe('FILE');
  });

  it('rejects an untrusted certificate with TLS and accepts it once its CA is trusted', async () => {
    const { key, cert, certFile } = selfSignedCert();
    const server = createServer({ key, cert }, (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"ok":true}');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `https://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    try {
      const plain = createHttpClient({ dispatcher: await createDispatcher() });
      const err = await rejection(requestJson(plain, { method: 'GET', url }));
      expect(err.code).toBe('TLS');
      const trusted = createHttpClient({ dispatcher: await createDispatcher({ caFile: certFile }) });
      await expect(requestJson(trusted, { method: 'GET', url })).resolves.toEqual({ ok: true });
    } finally {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  });

  it('refuses a proxy URL that is not http(s)', async () => {
    expect((await rejection(createDispatcher({ proxyUrl: 'socks5://x:1' }))).code).toBe('VALIDATION');
  });
});
