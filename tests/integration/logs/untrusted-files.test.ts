import { execFileSync } from 'node:child_process';
import { closeSync, constants, mkdirSync, openSync, truncateSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JOB_CHANNELS } from '../../../main/app/handlers';
import type { Services } from '../../../main/app/services';
import { JobManager } from '../../../main/jobs';
import { readExtraCa } from '../../../main/http/dispatcher';
import { EventBus, Router, type Handlers } from '../../../main/ipc/router';
import { logsHandlers } from '../../../main/logs/handlers';
import { LogService } from '../../../main/logs/service';
import { tempDir } from '../../unit/logs/temp';

// Log paths and CA files are typed by the user: a FIFO, a folder of 100,000 files or a 64 GB
// file without a newline must cost a clear message or a bounded, cancellable read, never a
// blocked I/O thread pool or a read that outlives the request.

/** A router serving the Logs channels of `svc` (job channels run as jobs, as in the app). */
function logsRouter(svc: LogService, bus: EventBus): Router {
  const handlers = logsHandlers({ context: { events: bus }, logs: svc } as unknown as Services) as unknown as Handlers;
  return new Router(handlers, bus, new JobManager({ emit: (e) => bus.emit('job:event', e) }), JOB_CHANNELS);
}

let t: ReturnType<typeof tempDir>;
let fifo: string;
let plain: string;
let svc: LogService;
let router: Router;

beforeAll(() => {
  t = tempDir();
  fifo = join(t.dir, 'pipe.log');
  execFileSync('mkfifo', [fifo]);
  plain = join(t.dir, 'plain.log');
  writeFileSync(plain, 'one\ntwo\n');
  svc = new LogService();
  const bus = new EventBus();
  router = logsRouter(svc, bus);
});
afterAll(async () => {
  // Should a reader still hang on the FIFO (the fault this file tests), a writer releases it.
  try {
    closeSync(openSync(fifo, constants.O_WRONLY | constants.O_NONBLOCK));
  } catch {
    // no reader waiting
  }
  await svc.close();
  t.cleanup();
});

describe('files that are not regular files', () => {
  it('refuses a FIFO in four concurrent logs:tail calls, naming it, and ordinary reads go on', async () => {
    const replies = await Promise.all([1, 2, 3, 4].map(() => router.dispatch('logs:tail', { path: fifo })));
    for (const r of replies) {
      expect(r).toMatchObject({ ok: false, error: { code: 'FILE', details: { field: 'path', file: fifo } } });
      expect((r as { error: { message: string } }).error.message).toBe(
        `${fifo} is a named pipe (FIFO), not a file; give the path of a regular file.`,
      );
    }
    expect(await router.dispatch('logs:tail', { path: plain })).toMatchObject({
      ok: true,
      result: { entries: [{ text: 'one' }, { text: 'two' }] },
    });
    expect(await router.dispatch('logs:search', { paths: [fifo], pattern: 'x' })).toMatchObject({ ok: false, error: { code: 'FILE' } });
    expect(await router.dispatch('logs:resolveSource', { input: fifo })).toMatchObject({
      ok: false,
      error: { code: 'FILE', details: { field: 'input', file: fifo } },
    });
  });

  it('refuses a FIFO or an oversized file as appsettings.json and as a CA file', async () => {
    const install = join(t.dir, 'cache');
    mkdirSync(install);
    execFileSync('mkfifo', [join(install, 'appsettings.json')]);
    const r = await router.dispatch('logs:resolveSource', { input: install });
    expect(r).toMatchObject({
      ok: true,
      result: { warnings: [{ code: 'APPSETTINGS_INVALID', message: expect.stringMatching(/named pipe/) }] },
    });

    await expect(readExtraCa(fifo)).rejects.toMatchObject({ code: 'FILE', details: { field: 'caFile', file: fifo } });
    const huge = join(t.dir, 'ca.pem');
    writeFileSync(huge, Buffer.alloc(2 * 1024 * 1024, 'A'));
    const err = await readExtraCa(huge).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'FILE', details: { field: 'caFile', file: huge } });
    expect((err as Error).message).toMatch(/larger than 1 MB/);
  });
});

describe('bounded work on large inputs', () => {
  it('lists the newest 10,000 files of a larger folder and says so', async () => {
    const folder = join(t.dir, 'many');
    mkdirSync(folder);
    const old = new Date('2020-01-01T00:00:00Z');
    for (let i = 0; i < 10_050; i += 1) {
      const f = join(folder, `app-${i}.log`);
      writeFileSync(f, '');
      if (i < 50) utimesSync(f, old, old);
    }
    const r = await router.dispatch('logs:resolveSource', { input: folder });
    const result = (
      r as { result: { sets: Array<{ files: Array<{ name: string }> }>; warnings: Array<{ code: string; message: string }> } }
    ).result;
    const names = result.sets.flatMap((s) => s.files.map((f) => f.name));
    expect(names).toHaveLength(10_000);
    expect(names.some((n) => /^app-\d\.log$|^app-[1-4]\d\.log$/.test(n))).toBe(false);
    expect(result.warnings).toEqual([
      expect.objectContaining({ code: 'TOO_MANY_FILES', message: expect.stringContaining('newest 10,000 of 10,050') }),
    ]);
  });

  it('stops a forward read of a 64 GB line when the request is abandoned, with memory bounded', async () => {
    const sparse = join(t.dir, 'sparse.log');
    writeFileSync(sparse, '');
    truncateSync(sparse, 64 * 1024 ** 3); // a hole: no disk used, no newline anywhere
    const before = process.memoryUsage().rss;
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
    try {
      const ac = new AbortController();
      setTimeout(() => ac.abort(), 200);
      await expect(svc.read(sparse, 0, 'forward', 500, ac.signal)).rejects.toMatchObject({ code: 'CANCELLED' });
      // The same through the router, aborted from outside as serve mode does when the client leaves.
      const outer = new AbortController();
      setTimeout(() => outer.abort(), 200);
      expect(await router.dispatch('logs:read', { path: sparse, offset: 0, direction: 'forward' }, { signal: outer.signal })).toMatchObject(
        {
          ok: false,
          error: { code: 'CANCELLED' },
        },
      );
      // The full text of that line is cut at the cap instead of reading 64 GB.
      const full = await router.dispatch('logs:lineText', { path: sparse, offset: 0 });
      expect(full).toMatchObject({ ok: true, result: { truncated: true } });
      expect((full as { result: { bytes: number } }).result.bytes).toBeLessThanOrEqual(4 * 1024 * 1024 + 2);
    } finally {
      clearInterval(sampler);
    }
    expect(peak - before).toBeLessThan(256 * 1024 * 1024);
  });
});
