import { mkdtempSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { startServeServer, type ServeHandle } from '../../../main/serve/server';
import { testRouter } from '../../unit/foundation/helpers';

const LIMIT = 256 * 1024;
const FRAME_PAYLOAD = 'x'.repeat(32 * 1024);
const EVENTS = 2000; // ~64 MB in all: far more than the socket buffers of a stalled reader hold.

describe('server-sent events with a client that stops reading', () => {
  const { router } = testRouter();
  let server: ServeHandle;
  afterAll(async () => server?.close());

  it('keeps what waits for the client bounded, then drops it with a last event saying so', async () => {
    server = await startServeServer({ router, staticDir: mkdtempSync(join(tmpdir(), 'ec-static-')), sse: { maxBufferedBytes: LIMIT } });
    const session = server.createSession();
    // A raw client that sends its request and then never reads.
    const socket: Socket = connect(server.port, '127.0.0.1');
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    socket.pause();
    socket.write(`GET /api/events HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nAuthorization: Bearer ${session}\r\n\r\n`);
    await vi.waitFor(() => expect(server.sseStats().buffered).toHaveLength(1));

    // A healthy reader alongside it keeps receiving.
    const healthy = await fetch(`${server.origin}/api/events`, { headers: { Authorization: `Bearer ${session}` } });
    const reader = healthy.body!.getReader();
    let emitted = 0;
    const healthyBacklog = () => server.sseStats().buffered.at(-1) ?? 0;
    for (let i = 0; i < EVENTS; i++) {
      router.events.emit('settings:changed', { theme: 'dark', filler: FRAME_PAYLOAD } as never);
      emitted += FRAME_PAYLOAD.length;
      await new Promise((r) => setImmediate(r));
      // The healthy client reads whatever waits for it; the stalled one never does.
      while (healthyBacklog() > 0) await reader.read();
    }
    const stats = server.sseStats();
    expect(stats.dropped).toBe(1);
    expect(stats.buffered).toHaveLength(1); // only the healthy client is left
    expect(stats.peakBuffered).toBeLessThanOrEqual(LIMIT);
    void reader.cancel();

    // Reading now, the stalled client gets what was queued (socket buffers plus at most the
    // limit), then the final frame, then the end of the connection.
    let received = 0;
    let tail = '';
    socket.on('data', (chunk: Buffer) => {
      received += chunk.length;
      tail = (tail + chunk.toString('latin1')).slice(-500);
    });
    socket.resume();
    await new Promise<void>((resolve) => socket.once('end', () => resolve()));
    expect(received).toBeLessThan(emitted / 4);
    expect(tail).toContain('event: dropped');
    expect(tail).toContain('fell too far behind');
  }, 60_000);
});
