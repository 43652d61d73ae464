import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server, type Socket } from 'node:net';
import { ContractError } from '../../../contract/errors';
import { credentialsCachePlan } from '../../../main/connections/diagnostics/credentials-cache';
import { secretServerPlan } from '../../../main/connections/diagnostics/secret-server';
import { runStages } from '../../../main/connections/diagnostics/stage';
import { fixForStageError, UNEXPECTED_FIX } from '../../../main/connections/diagnostics/stage-fix';
import type { CacheApi } from '../../../main/credentials-cache';
import { createHttpClient } from '../../../main/http';

// A server that accepts the connection and never answers (a hung IIS app pool, a proxy holding the request, a wrong port).
let server: Server;
let url: string;
const sockets = new Set<Socket>();

beforeAll(async () => {
  server = createServer((s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(async () => {
  for (const s of sockets) s.destroy();
  await new Promise((r) => server.close(r));
});

const noClient = () => Promise.reject(new Error('not reached'));

describe('the fix matches the stage that failed', () => {
  it('Secret Server: TCP passes, HTTP times out with a fix about a server that accepts but does not answer', async () => {
    const plan = secretServerPlan({ baseUrl: `${url}/SecretServer`, username: 'svc', httpTimeoutMs: 300, client: noClient });
    const { stages, failedStage } = await runStages(plan, new AbortController().signal, () => undefined);
    expect(failedStage).toBe('http');
    expect(stages.find((s) => s.id === 'tcp')?.status).toBe('pass');
    const http = stages.find((s) => s.id === 'http')!;
    expect(http.detail).toMatch(/did not answer within 300 ms\./);
    expect(http.fix).toMatch(/^The server accepted the connection but sent no HTTP answer in time/);
    expect(http.fix).toMatch(/proxy|application pool|wrong port/);
    expect(http.fix).not.toBe(UNEXPECTED_FIX);
  });

  it('Credentials Cache: the Swagger request timing out gets the same HTTP-stage fix', async () => {
    const client = createHttpClient({ timeoutMs: 300, retry: { maxAttempts: 1 } });
    const api: CacheApi = {
      instance: { id: 'c', name: 'c', url },
      swagger: async (signal) => {
        const res = await client.request({ method: 'GET', url: `${url}/swagger/index.html`, ...(signal ? { signal } : {}) });
        return { ok: res.status === 200, status: res.status };
      },
      token: noClient,
      secretChanged: noClient,
    };
    const plan = credentialsCachePlan({ url, api: async () => api });
    const { stages } = await runStages(plan, new AbortController().signal, () => undefined);
    expect(stages.find((s) => s.id === 'http')?.fix).toMatch(/^The server accepted the connection but sent no HTTP answer/);
  });

  it('other stages and codes get their own words; unknown errors keep the generic fix', () => {
    const timeout = new ContractError('TIMEOUT', 'x did not answer within 15 s.');
    expect(fixForStageError('auth', timeout)).toMatch(/sign-in request/);
    expect(fixForStageError('permissions', timeout)).toMatch(/permissions were read/);
    expect(fixForStageError('http', new ContractError('NETWORK', 'socket hang up'))).toMatch(
      /closed the connection without an HTTP answer/,
    );
    expect(fixForStageError('http', new Error('boom'))).toBe(UNEXPECTED_FIX);
  });
});
