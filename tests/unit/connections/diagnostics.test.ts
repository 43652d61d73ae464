import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer as createNetServer, type Server as NetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer as createTlsServer, type Server as TlsServer } from 'node:tls';
import { runStages, fail, pass, type StagePlan } from '../../../main/connections/diagnostics/stage';
import { lowStages } from '../../../main/connections/diagnostics/low-stages';
import { dnsStage, tcpStage } from '../../../main/connections/diagnostics/net';
import { selfSignedCert, type SelfSigned } from '../../support/self-signed';

const dir = mkdtempSync(join(tmpdir(), 'ec-diag-'));

async function tlsServer(opts: { key: string; cert: string }): Promise<{ server: TlsServer; port: number }> {
  const server = createTlsServer(opts, (s) => s.end());
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { server, port: (server.address() as { port: number }).port };
}

async function runTls(url: string, caFile?: string) {
  const plan = lowStages({ url, ...(caFile ? { caFile } : {}) }).filter((p) => p.id === 'tls');
  const { stages } = await runStages(plan, new AbortController().signal, () => undefined);
  return stages[0]!;
}

describe('stage runner', () => {
  const plan = (outcomes: Array<'pass' | 'fail'>): StagePlan[] =>
    outcomes.map((o, i) => ({
      id: (['dns', 'tcp', 'tls', 'http'] as const)[i]!,
      label: `s${i}`,
      run: async () => (o === 'pass' ? pass('ok') : fail('broke with hunter22', 'fix hunter22')),
    }));

  it('stops after the first failing stage and reports the rest as skipped', async () => {
    const updates: string[][] = [];
    const r = await runStages(
      plan(['pass', 'fail', 'pass', 'pass']),
      new AbortController().signal,
      (s) => updates.push(s.map((x) => x.status)),
      ['hunter22'],
    );
    expect(r.failedStage).toBe('tcp');
    expect(r.stages.map((s) => s.status)).toEqual(['pass', 'fail', 'skipped', 'skipped']);
    expect(updates[0]).toEqual(['running', 'pending', 'pending', 'pending']);
    expect(updates.at(-1)).toEqual(['pass', 'fail', 'skipped', 'skipped']);
    expect(JSON.stringify(r)).not.toContain('hunter22');
    expect(r.stages.every((s) => s.status === 'skipped' || typeof s.durationMs === 'number')).toBe(true);
  });

  it('a stage that throws fails with its message instead of breaking the run', async () => {
    const throwing: StagePlan = { id: 'http', label: 'HTTP', run: async () => Promise.reject(new Error('boom')) };
    const r = await runStages([throwing], new AbortController().signal, () => undefined);
    expect(r.stages[0]).toMatchObject({ status: 'fail', detail: 'boom' });
  });

  it('cancellation rejects with CANCELLED', async () => {
    const ac = new AbortController();
    const stage: StagePlan = {
      id: 'dns',
      label: 'DNS',
      run: async () => {
        ac.abort();
        throw new Error('aborted');
      },
    };
    await expect(runStages([stage], ac.signal, () => undefined)).rejects.toMatchObject({ code: 'CANCELLED' });
  });
});

describe('low stages', () => {
  let good: { server: TlsServer; port: number };
  let wrongName: { server: TlsServer; port: number };
  let closed: NetServer;
  let closedPort = 0;
  let ca: SelfSigned;
  let other: SelfSigned;
  beforeAll(async () => {
    ca = selfSignedCert({ cn: 'localhost', san: 'DNS:localhost,IP:127.0.0.1', days: 90 });
    other = selfSignedCert({ cn: 'other.example', san: 'DNS:other.example', days: 90 });
    good = await tlsServer(ca);
    wrongName = await tlsServer(other);
    closed = createNetServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    closedPort = (closed.address() as { port: number }).port;
    await new Promise<void>((r) => closed.close(() => r()));
  });
  afterAll(() => {
    good.server.close();
    wrongName.server.close();
  });

  it('DNS: an IP needs no lookup; an unknown name fails with a fix', async () => {
    expect((await dnsStage('127.0.0.1')).status).toBe('pass');
    const r = await dnsStage('no-such-host.invalid');
    expect(r.status).toBe('fail');
    expect(r.fix).toMatch(/spelling/);
  });

  it('TCP: a closed port is refused, with the port in the fix', async () => {
    const r = await tcpStage({ host: '127.0.0.1', port: closedPort, https: false }, new AbortController().signal);
    expect(r.status).toBe('fail');
    expect(r.fix).toContain(String(closedPort));
  });

  it('TLS is skipped for http:// URLs', () => {
    expect(lowStages({ url: 'http://127.0.0.1:1' }).map((p) => p.id)).toEqual(['dns', 'tcp', 'tls']);
  });

  it('TLS: an untrusted self-signed certificate fails and suggests the extra CA file', async () => {
    const s = await runTls(`https://localhost:${good.port}`);
    expect(s.status).toBe('fail');
    expect(s.fix).toMatch(/extra trusted CA/);
  });

  it('TLS: the profile’s extra CA is honoured', async () => {
    const s = await runTls(`https://localhost:${good.port}`, ca.certFile);
    expect(s.status).toBe('pass');
    expect(s.detail).toMatch(/extra CA/);
  });

  it('TLS: a certificate for another name fails the host name check', async () => {
    const s = await runTls(`https://127.0.0.1:${wrongName.port}`, other.certFile);
    expect(s.status).toBe('fail');
    expect(s.detail).toContain('other.example');
  });

  it('TLS: a CA file that is not PEM fails naming the file', async () => {
    const bad = join(dir, 'bad.pem');
    writeFileSync(bad, 'hello');
    const s = await runTls(`https://localhost:${good.port}`, bad);
    expect(s.status).toBe('fail');
    expect(s.detail).toContain(bad);
  });
});
