import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The application account the stub accepts. */
export const APP_ACCOUNT = { username: 'svc-credcache', password: 'Corr3ct-Horse-Battery!', domain: '' };
/** The password value stored in the stub's secret; must never reach a log. */
export const SECRET_VALUE = 'Rotated-P@ssw0rd-9911';

/** A minimal Secret Server: `POST /oauth2/token` (password grant) and `GET /api/v1/secrets/{id}`. */
export interface SecretServerStub {
  readonly url: string;
  readonly calls: string[];
  close(): Promise<void>;
}

const read = async (req: IncomingMessage): Promise<string> => {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
};

/** Starts the stub on 127.0.0.1:0; secrets 1–9999 exist, others are 404. */
export async function startSecretServerStub(): Promise<SecretServerStub> {
  const calls: string[] = [];
  const tokens = new Set<string>();
  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://x');
      calls.push(`${req.method} ${url.pathname}`);
      if (req.method === 'POST' && url.pathname === '/oauth2/token') {
        const form = new URLSearchParams(await read(req));
        if (
          form.get('grant_type') !== 'password' ||
          form.get('username') !== APP_ACCOUNT.username ||
          form.get('password') !== APP_ACCOUNT.password
        ) {
          res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'invalid_grant' }));
          return;
        }
        const token = `ss-token-${tokens.size + 1}`;
        tokens.add(token);
        res
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify({ access_token: token, token_type: 'bearer', expires_in: 1199 }));
        return;
      }
      const m = /^\/api\/v1\/secrets\/(\d+)$/.exec(url.pathname);
      if (req.method === 'GET' && m) {
        if (!tokens.has((req.headers.authorization ?? '').replace(/^Bearer /, ''))) {
          res.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify({ message: 'Authentication failed.' }));
          return;
        }
        const id = Number(m[1]);
        if (id >= 10_000) {
          res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ message: 'Secret not found' }));
          return;
        }
        const secret = {
          id,
          name: `Secret ${id}`,
          secretTemplateId: 6003,
          items: [{ itemId: 1, slug: 'password', fieldName: 'Password', itemValue: SECRET_VALUE, isPassword: true }],
        };
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(secret));
        return;
      }
      res.writeHead(404).end();
    })();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    close: () =>
      new Promise((r) => {
        server.close(() => r());
        server.closeAllConnections();
      }),
  };
}
