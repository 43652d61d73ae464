import { afterEach, describe, expect, it } from 'vitest';
import { ContractError } from '../../../contract/errors';
import { createHttpClient, requestJson } from '../../../main/http';
import { fakeSleep, json, scriptedServer } from './helpers';

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (closers.length) await closers.pop()?.();
});

async function server(...handlers: Parameters<typeof scriptedServer>[0]) {
  const s = await scriptedServer(handlers);
  closers.push(s.close);
  return s;
}

async function caught(p: Promise<unknown>): Promise<ContractError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof ContractError) return err;
    throw err;
  }
  throw new Error('expected a ContractError');
}

describe('http client retries', () => {
  it('retries 503, 502 and 504 then returns the success', async () => {
    const s = await server(json(503, {}), json(502, {}), json(504, {}), json(200, { ok: 1 }));
    const { sleep, delays } = fakeSleep();
    const client = createHttpClient({ sleep, random: () => 0.5 });
    await expect(requestJson(client, { method: 'GET', url: s.url })).resolves.toEqual({ ok: 1 });
    expect(s.hits()).toBe(4);
    expect(delays).toHaveLength(3);
    expect(delays[1]).toBeGreaterThan(delays[0] ?? 0);
  });

  it('honours Retry-After on 429', async () => {
    const s = await server(json(429, { message: 'slow down' }, { 'retry-after': '3' }), json(200, [1]));
    const { sleep, delays } = fakeSleep();
    const client = createHttpClient({ sleep, random: () => 0 });
    await expect(requestJson(client, { method: 'POST', url: s.url, json: {} })).resolves.toEqual([1]);
    expect(delays).toEqual([3000]);
  });

  it('gives THROTTLED when 429 persists, with the retry hint', async () => {
    const s = await server(json(429, { message: 'slow down' }));
    const { sleep } = fakeSleep();
    const client = createHttpClient({ sleep, retry: { maxAttempts: 3 } });
    const err = await caught(requestJson(client, { method: 'GET', url: s.url }));
    expect(err.code).toBe('THROTTLED');
    expect(err.retryable).toBe(true);
    expect(s.hits()).toBe(3);
  });

  it('never retries other 4xx', async () => {
    for (const [status, code] of [
      [400, 'VALIDATION'],
      [401, 'UNAUTHENTICATED'],
      [404, 'NOT_FOUND'],
    ] as const) {
      const s = await server(json(status, { message: 'nope' }));
      const client = createHttpClient({ sleep: fakeSleep().sleep });
      const err = await caught(requestJson(client, { method: 'GET', url: s.url }));
      expect(err.code).toBe(code);
      expect(err.details?.status).toBe(status);
      expect(s.hits()).toBe(1);
    }
  });

  it('does not repeat a POST after 502 (the server may have acted) but does after 503', async () => {
    const s = await server(json(502, {}));
    const client = createHttpClient({ sleep: fakeSleep().sleep });
    const err = await caught(requestJson(client, { method: 'POST', url: s.url, json: {} }));
    expect(err.code).toBe('UNAVAILABLE');
    expect(s.hits()).toBe(1);
  });

  it('retries a connection reset on GET', async () => {
    const s = await server((req) => req.socket.destroy(), json(200, { ok: true }));
    const client = createHttpClient({ sleep: fakeSleep().sleep });
    await expect(requestJson(client, { method: 'GET', url: s.url })).resolves.toEqual({ ok: true });
    expect(s.hits()).toBe(2);
  });

  it('does not retry connection refused on first contact and says so', async () => {
    const s = await server(json(200, {}));
    const url = s.url;
    await s.close();
    closers.pop();
    const client = createHttpClient({ sleep: fakeSleep().sleep });
    const err = await caught(requestJson(client, { method: 'GET', url }));
    expect(err.code).toBe('NETWORK');
    expect(err.message).toMatch(/connection refused/);
  });
});

describe('http client responses and errors', () => {
  it('maps an HTML page to BAD_RESPONSE with a clear message', async () => {
    const s = await server((_q, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<html><head><title>Login</title></head><body>sign in</body></html>');
    });
    const err = await caught(requestJson(createHttpClient(), { method: 'GET', url: `${s.url}/wrong` }));
    expect(err.code).toBe('BAD_RESPONSE');
    expect(err.message).toMatch(/HTML page instead of JSON — check the base URL/);
    expect(err.message).toContain('Login');
  });

  it('times out with TIMEOUT and cancels with CANCELLED', async () => {
    const s = await server(() => undefined);
    const client = createHttpClient({ timeoutMs: 50 });
    expect((await caught(requestJson(client, { method: 'GET', url: s.url }))).code).toBe('TIMEOUT');
    const ac = new AbortController();
    const p = requestJson(client, { method: 'GET', url: s.url, signal: ac.signal, timeoutMs: 60_000 });
    ac.abort();
    expect((await caught(p)).code).toBe('CANCELLED');
  });

  it('keeps passwords and tokens out of messages and URLs', async () => {
    const password = 'Sup3r-Secret-Pa55';
    const s = await server(json(400, { message: `bad password=${password} for Bearer abc.def.ghi` }));
    const client = createHttpClient({ secrets: () => [password] });
    const url = `http://user:${password}@${new URL(s.url).host}/x?access_token=${password}`;
    const err = await caught(requestJson(client, { method: 'GET', url }));
    const text = `${err.message} ${JSON.stringify(err.details)}`;
    expect(text).not.toContain(password);
    expect(text).not.toContain('abc.def.ghi');
    expect(String(err.details?.url)).not.toContain('user:');
  });

  it('sends forms and repeats array query keys', async () => {
    let seen = '';
    let body = '';
    const s = await server((req, res) => {
      seen = req.url ?? '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => json(200, {})(req, res));
    });
    await requestJson(createHttpClient(), {
      method: 'POST',
      url: `${s.url}/t`,
      query: { 'filter.ids': [1, 2], skip: 0, none: undefined },
      form: { grant_type: 'password', username: 'a b' },
    });
    expect(seen).toBe('/t?filter.ids=1&filter.ids=2&skip=0');
    expect(body).toBe('grant_type=password&username=a+b');
  });
});
