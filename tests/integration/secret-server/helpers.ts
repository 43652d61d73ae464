import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SecretServerClient } from '../../../main/secret-server';
export { rejection } from '../../support/contract-error';
import {
  startSecretServerSimulator,
  type SecretServerSimulator,
  type SecretServerSimulatorOptions,
} from '../../../simulators/secret-server';

/** Starts a simulator and remembers to close it. */
export async function withSim(
  closers: Array<() => Promise<void>>,
  opts: SecretServerSimulatorOptions = {},
): Promise<SecretServerSimulator> {
  const sim = await startSecretServerSimulator(opts);
  closers.push(() => sim.close());
  return sim;
}

/** A client for the sim's admin (or the given account) that never really sleeps between retries. */
export function clientFor(
  sim: SecretServerSimulator,
  account?: { username: string; password: string },
  extra: { now?: () => number; pageSize?: number } = {},
): SecretServerClient {
  return new SecretServerClient({
    profile: {
      baseUrl: sim.url,
      username: account?.username ?? sim.seed?.adminUserName ?? 'admin',
      password: account?.password ?? sim.seed?.adminPassword ?? '',
    },
    sleep: async () => undefined,
    ...extra,
  });
}

/** A tiny stand-in for a Credentials Cache: `/api/token` and `/api/secretchanged` with chosen statuses. */
export async function fakeCache(
  closers: Array<() => Promise<void>>,
  statuses: { token?: number; changed?: number } = {},
): Promise<{ url: string; calls: Array<{ path: string; body: string; auth?: string }> }> {
  const calls: Array<{ path: string; body: string; auth?: string }> = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      calls.push({ path: req.url ?? '', body, auth: req.headers.authorization });
      if (req.url === '/api/token') {
        const s = statuses.token ?? 200;
        res.writeHead(s, { 'content-type': 'application/json' });
        return res.end(s === 200 ? JSON.stringify({ token: 'jwt-abc' }) : '{"error":"invalid credentials"}');
      }
      res.writeHead(statuses.changed ?? 202);
      res.end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  closers.push(
    () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  );
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, calls };
}
