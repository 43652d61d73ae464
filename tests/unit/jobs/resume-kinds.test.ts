import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RefreshOutcome } from '../../../contract/channels/fleet';
import { JOB_CHANNELS } from '../../../main/app/handlers';
import type { Services } from '../../../main/app/services';
import { fleetHandlers } from '../../../main/fleet/handlers';
import { EventBus, Router, type Handlers } from '../../../main/ipc/router';
import { JobManager } from '../../../main/jobs';

let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'ec-resume-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const outcome = (profileId: string, ok: boolean): RefreshOutcome => ({
  profileId,
  name: `Cache ${profileId}`,
  secretId: 7,
  ok,
  message: ok ? 'Accepted' : 'Unreachable',
  at: '2026-12-02T10:00:00Z',
  durationMs: 1,
});

/** A fleet whose `refresh` answers from a script, and records which instances it was asked for. */
function fakeFleet(script: (ids: readonly string[], onResult: (o: RefreshOutcome, done: number, total: number) => void) => Promise<void>) {
  const asked: Array<readonly string[] | undefined> = [];
  const fleet = {
    list: async () => ['a', 'b', 'c'].map((profileId) => ({ profileId })),
    refresh: async (
      secretId: number,
      ids: readonly string[] | undefined,
      _signal: AbortSignal,
      onResult: (o: RefreshOutcome, d: number, t: number) => void,
    ) => {
      asked.push(ids);
      const results: RefreshOutcome[] = [];
      await script(ids ?? ['a', 'b', 'c'], (o, d, t) => (results.push(o), onResult(o, d, t)));
      return { secretId, results, succeeded: results.filter((r) => r.ok).length, failed: results.filter((r) => !r.ok).length };
    },
  };
  return { asked, services: { fleet } as unknown as Pick<Services, 'fleet'> };
}

function router(services: Pick<Services, 'fleet'>) {
  const bus = new EventBus();
  const jobs = new JobManager({ dataDir: dir, emit: (e) => bus.emit('job:event', e) });
  jobs.open();
  return { jobs, router: new Router(fleetHandlers(services) as unknown as Handlers, bus, jobs, JOB_CHANNELS) };
}

describe('resuming a fleet refresh', () => {
  it('after a crash, refreshes only the instances that had not accepted, and reports all of them', async () => {
    const first = fakeFleet(async (ids, onResult) => {
      onResult(outcome(ids[0]!, true), 1, 3);
      onResult(outcome(ids[1]!, false), 2, 3);
      await new Promise(() => undefined); // the process dies while instance c is asked
    });
    void router(first.services).router.dispatch('fleet:refresh', { secretId: 7 }, { requestId: 'refresh-1' });
    await new Promise((r) => setTimeout(r, 30));

    const second = fakeFleet(async (ids, onResult) => ids.forEach((id, i) => onResult(outcome(id, true), i + 1, ids.length)));
    const { jobs } = router(second.services);
    expect(jobs.get('refresh-1')).toMatchObject({ state: 'interrupted', resumable: true });
    const outcomeOf = await jobs.resume('refresh-1').done;
    expect(second.asked).toEqual([['b', 'c']]);
    expect(outcomeOf).toMatchObject({ ok: true, result: { secretId: 7, succeeded: 3, failed: 0 } });
    expect(jobs.get('refresh-1').progress?.data).toMatchObject({ outcomes: [{ profileId: 'a' }, { profileId: 'b' }, { profileId: 'c' }] });
  });
});
