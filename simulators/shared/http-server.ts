import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';

/** A running simulator's listener on 127.0.0.1. */
export interface RunningServer {
  readonly url: string;
  readonly port: number;
  /** Stops listening and drops every open connection (keep-alive sockets included). */
  close(): Promise<void>;
}

/** A request handler; thrown errors become a 500 with a plain JSON body. */
export type RawHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void> | void;

/** A certificate and key (PEM) to serve https with. */
export interface TlsOptions {
  readonly key: string;
  readonly cert: string;
}

/** Starts a node:http server on 127.0.0.1 (port 0 = any free port unless given); https when `tls` is given. */
export async function startHttpServer(handler: RawHandler, port = 0, tls?: TlsOptions): Promise<RunningServer> {
  const sockets = new Set<Socket>();
  const listener = (req: IncomingMessage, res: ServerResponse): void => {
    Promise.resolve(handler(req, res)).catch((err: unknown) => {
      if (res.headersSent) return res.destroy();
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ message: 'Simulator error', exceptionMessage: String(err) }));
    });
  };
  const server = tls ? createTlsServer({ key: tls.key, cert: tls.cert }, listener) : createServer(listener);
  // A client refusing the certificate resets the handshake; that is the client's finding, not a server crash.
  server.on('tlsClientError', () => undefined);
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const actual = (server.address() as AddressInfo).port;
  return {
    url: `${tls ? 'https' : 'http'}://127.0.0.1:${actual}`,
    port: actual,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Reads a request body as text (bounded, so a runaway client cannot exhaust memory). */
export async function readBody(req: IncomingMessage, limit = 10 * 1024 * 1024): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new Error('Request body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Writes a JSON reply. */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}
