import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LogHistogram, TimelinePage } from '../../../contract/channels/logs-timeline';
import { JOB_CHANNELS } from '../../../main/app/handlers';
import type { Services } from '../../../main/app/services';
import { EventBus, Router, type Handlers } from '../../../main/ipc/router';
import { JobManager } from '../../../main/jobs';
import { logsHandlers } from '../../../main/logs/handlers';
import { LogService } from '../../../main/logs/service';
import { tempDir } from '../../unit/logs/temp';

let t: ReturnType<typeof tempDir>;
let svc: LogService;
let router: Router;

beforeEach(() => {
  t = tempDir();
  svc = new LogService();
  const bus = new EventBus();
  router = new Router(
    logsHandlers({ context: { events: bus }, logs: svc } as unknown as Services) as unknown as Handlers,
    bus,
    new JobManager({ emit: (e) => bus.emit('job:event', e) }),
    JOB_CHANNELS,
  );
});
afterEach(async () => {
  await svc.close();
  t.cleanup();
});

const at = (s: number, lv = 'INF') => `2025-01-31 10:0${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}.000 +00:00 [${lv}]`;

describe('timeline and histogram channels', () => {
  it('tail, read and locate through the contract, cursors round-tripping as plain data', async () => {
    writeFileSync(join(t.dir, 'a.log'), `${at(1)} a1\n${at(3)} a3\n${at(5)} a5\n`);
    writeFileSync(join(t.dir, 'b.log'), `${at(2)} b2\n${at(4)} b4\n${at(6)} b6\n`);
    const sources = [
      { id: 'a', input: join(t.dir, 'a.log') },
      { id: 'b', input: join(t.dir, 'b.log') },
    ];
    const text = (p: TimelinePage) => p.entries.map((e) => `${e.source}:${e.message}`);
    const tail = (await router.dispatch('logs:timelineTail', { sources, maxEntries: 3 })) as { ok: true; result: TimelinePage };
    expect(text(tail.result)).toEqual(['b:b4', 'a:a5', 'b:b6']);
    const cursor = JSON.parse(JSON.stringify(tail.result.before)) as unknown;
    const older = (await router.dispatch('logs:timelineRead', { sources, cursor, direction: 'backward' })) as { result: TimelinePage };
    expect(text(older.result)).toEqual(['a:a1', 'b:b2', 'a:a3']);
    expect(older.result.bof).toBe(true);
    const loc = (await router.dispatch('logs:timelineLocate', { sources, time: '2025-01-31T10:00:04Z' })) as {
      result: { cursor: unknown };
    };
    const from = (await router.dispatch('logs:timelineRead', { sources, cursor: loc.result.cursor, direction: 'forward' })) as {
      result: TimelinePage;
    };
    expect(text(from.result)).toEqual(['b:b4', 'a:a5', 'b:b6']);
    expect(from.result.eof).toBe(true);
  });

  it('rejects duplicate source ids and a bad cursor naming the field', async () => {
    const dup = await router.dispatch('logs:timelineTail', {
      sources: [
        { id: 'x', input: '/a' },
        { id: 'x', input: '/b' },
      ],
    });
    expect(dup).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const bad = await router.dispatch('logs:timelineRead', {
      sources: [{ id: 'x', input: '/a' }],
      cursor: { perSource: { x: { path: '/a', offset: -1 } } },
      direction: 'forward',
    });
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(JSON.stringify(bad)).toContain('offset');
  });

  it('returns a histogram as a job result', async () => {
    const path = join(t.dir, 'h.log');
    writeFileSync(path, `${at(1)} x\n${at(2, 'ERR')} y\n   at Frame()\n${at(61, 'WRN')} z\n`);
    const r = (await router.dispatch('logs:histogram', { paths: [path] }, { requestId: 'hist-1' })) as { ok: true; result: LogHistogram };
    expect(r.result).toEqual({
      bucketMinutes: 1,
      entries: 3,
      buckets: [
        { start: '2025-01-31T10:00:00.000Z', counts: { info: 1, error: 1 } },
        { start: '2025-01-31T10:01:00.000Z', counts: { warn: 1 } },
      ],
    });
  });
});
