import type { IncomingMessage, ServerResponse } from 'node:http';
import { SECURITY_HEADERS } from '../security/csp';

/** Limits of the server-sent-events clients. */
export interface SseOptions {
  /** Bytes one client may have waiting (in Node and its socket) before it is dropped. */
  readonly maxBufferedBytes?: number;
  readonly keepAliveMs?: number;
  /** How long a dropped client gets to read its last frame before its socket is destroyed. */
  readonly dropGraceMs?: number;
}

interface Client {
  readonly res: ServerResponse;
  readonly stillSignedIn: () => boolean;
  readonly beat: NodeJS.Timeout;
  /** `write()` returned false and 'drain' has not come yet. */
  blocked: boolean;
}

/** The last frame a dropped client gets; the renderer reconnects and refetches on it. */
export const SSE_DROPPED_EVENT = 'dropped';

/**
 * The `GET /api/events` clients. Each client's backlog is bounded: a frame is written only while
 * the bytes waiting for it (`res.writableLength`: Node's buffer plus its socket's) stay under
 * `maxBufferedBytes`; a client that falls further behind (it stopped reading) gets a final
 * `event: dropped` frame and is closed, its socket destroyed if it does not read that either.
 */
export class SseHub {
  private readonly clients = new Set<Client>();
  private readonly max: number;
  private readonly keepAliveMs: number;
  private readonly graceMs: number;
  private peak = 0;
  private dropped = 0;

  constructor(opts: SseOptions = {}) {
    this.max = opts.maxBufferedBytes ?? 4 * 1024 * 1024;
    this.keepAliveMs = opts.keepAliveMs ?? 15_000;
    this.graceMs = opts.dropGraceMs ?? 10_000;
  }

  /** Starts the event stream on `res`; `stillSignedIn` is checked with every keep-alive. */
  add(req: IncomingMessage, res: ServerResponse, stillSignedIn: () => boolean): void {
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': 'text/event-stream',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
    });
    res.write(': connected\n\n');
    const client: Client = {
      res,
      stillSignedIn,
      blocked: false,
      beat: setInterval(() => {
        if (!client.stillSignedIn()) this.drop(client, 'The session ended.');
        else if (!client.blocked) this.write(client, ': keep-alive\n\n');
      }, this.keepAliveMs),
    };
    this.clients.add(client);
    req.on('close', () => this.forget(client));
  }

  /** Sends one event to every client. */
  broadcast(name: string, payload: unknown): void {
    const frame = `data: ${JSON.stringify({ name, payload })}\n\n`;
    for (const client of this.clients) this.write(client, frame);
  }

  /** Bytes waiting per connected client, the highest ever seen and how many were dropped (diagnostics, tests). */
  stats(): { buffered: number[]; peakBuffered: number; dropped: number } {
    return { buffered: [...this.clients].map((c) => c.res.writableLength), peakBuffered: this.peak, dropped: this.dropped };
  }

  /** Ends every stream (server shutdown). */
  close(): void {
    for (const client of this.clients) {
      this.forget(client);
      client.res.end();
    }
  }

  private write(client: Client, frame: string): void {
    if (client.res.writableLength + Buffer.byteLength(frame) > this.max) {
      this.drop(client, 'This client fell too far behind reading events.');
      return;
    }
    if (!client.res.write(frame) && !client.blocked) {
      client.blocked = true;
      client.res.once('drain', () => (client.blocked = false));
    }
    this.peak = Math.max(this.peak, client.res.writableLength);
  }

  private drop(client: Client, reason: string): void {
    if (!this.clients.has(client)) return;
    this.forget(client);
    this.dropped += 1;
    const { res } = client;
    res.end(`event: ${SSE_DROPPED_EVENT}\ndata: ${JSON.stringify({ reason })}\n\n`);
    if (!res.writableFinished) {
      const kill = setTimeout(() => res.destroy(), this.graceMs);
      kill.unref();
      res.once('finish', () => clearTimeout(kill));
      res.once('close', () => clearTimeout(kill));
    }
  }

  private forget(client: Client): void {
    clearInterval(client.beat);
    this.clients.delete(client);
  }
}
