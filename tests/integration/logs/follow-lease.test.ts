import { JobManager } from '../../../main/jobs';
import { JOB_CHANNELS } from '../../../main/app/handlers';
import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LogLinesEvent } from '../../../contract/channels/logs';
import type { Services } from '../../../main/app/services';
import { EventBus, Router, type Handlers } from '../../../main/ipc/router';
import { logsHandlers } from '../../../main/logs/handlers';
import { LogService } from '../../../main/logs/service';
import { tempDir, waitFor } from '../../unit/logs/temp';

let t: ReturnType<typeof tempDir>;
let clock: number;
let svc: LogService;
let router: Router;
let lines: LogLinesEvent[];

beforeEach(() => {
  t = tempDir();
  clock = 1_000_000;
  // The lease clock is injected: the test moves time, the followers poll for real.
  svc = new LogService({ leaseMs: 30_000, now: () => clock });
  const bus = new EventBus();
  lines = [];
  bus.subscribe((name, payload) => name === 'logs:lines' && lines.push(payload as LogLinesEvent));
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

async function follow(path: string): Promise<string> {
  writeFileSync(path, 'first\n');
  const r = await router.dispatch('logs:follow', { path, offset: 6 });
  return (r as { result: { followId: string } }).result.followId;
}

describe('follow leases', () => {
  it('keeps a renewed follow and stops one nobody renews within the lease', async () => {
    const kept = join(t.dir, 'kept.log');
    const dropped = join(t.dir, 'dropped.log');
    const keptId = await follow(kept);
    const droppedId = await follow(dropped);

    clock += 20_000;
    expect(await router.dispatch('logs:renew', { followId: keptId })).toEqual({ ok: true, result: { renewed: true } });
    clock += 20_000;
    // 40 s since the dropped follow started, 20 s since the kept one was renewed.
    expect(await svc.sweepExpired()).toEqual([droppedId]);
    expect(await router.dispatch('logs:renew', { followId: droppedId })).toEqual({ ok: true, result: { renewed: false } });

    appendFileSync(dropped, 'after expiry\n');
    appendFileSync(kept, 'still followed\n');
    await waitFor(() => (lines.some((l) => l.followId === keptId) ? true : undefined));
    // The kept follow polled after the append, and the dropped follower's timer is gone.
    await new Promise<void>((r) => setImmediate(r));
    expect(lines.filter((l) => l.followId === droppedId)).toEqual([]);
    expect(await router.dispatch('logs:unfollow', { followId: droppedId })).toEqual({ ok: true, result: { stopped: false } });

    clock += 31_000;
    expect(await svc.sweepExpired()).toEqual([keptId]);
  });

  it('sweeps expired follows by itself, and follows without a lease (the command line) are never swept', async () => {
    const short = new LogService({ leaseMs: 150 });
    const none = new LogService();
    try {
      const path = join(t.dir, 'x.log');
      writeFileSync(path, 'first\n');
      const a = short.follow(path, 6, undefined, () => undefined);
      const b = none.follow(path, 6, undefined, () => undefined);
      expect(short.followCount).toBe(1);
      await waitFor(() => (short.followCount === 0 ? true : undefined), 5_000, 'the lease to run out');
      expect(short.renew(a)).toBe(false);
      expect(none.renew(b)).toBe(true);
      expect(await none.sweepExpired()).toEqual([]);
    } finally {
      await short.close();
      await none.close();
    }
  });
});
