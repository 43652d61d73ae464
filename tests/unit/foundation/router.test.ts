import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { CHANNEL_NAMES, ContractError, channels, type JobEvent } from '../../../contract';
import type { TestProgressData } from '../../../contract/channels/connections';
import { JOB_CHANNELS } from '../../../main/app/handlers';
import { JobManager, type JobContext } from '../../../main/jobs';
import { EventBus, Router, throwIfCancelled, type Handlers } from '../../../main/ipc/router';
import { testRouter } from './helpers';

describe('router', () => {
  it('serves exactly the channels of the contract', () => {
    const { router } = testRouter();
    expect([...router.channelNames()].sort()).toEqual([...CHANNEL_NAMES].sort());
  });

  it('every request schema refuses unknown keys, so typos never pass silently', () => {
    for (const name of CHANNEL_NAMES) {
      const schema = channels[name].request as z.ZodType;
      const res = schema.safeParse({ __unexpected_key__: 1 });
      expect(res.success, `${name} accepted an unknown key`).toBe(false);
    }
  });

  it('validates before the handler runs and names the field', async () => {
    const { router, ctx } = testRouter();
    const env = await router.dispatch('settings:update', { theme: 'purple' });
    expect(env).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { field: 'theme' } } });
    expect(ctx.settings.get().theme).toBe('system');
  });

  it('answers an unknown channel with UNKNOWN_CHANNEL', async () => {
    const { router } = testRouter();
    expect(await router.dispatch('nope:nothing', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    expect(await router.dispatch('__proto__', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    expect(await router.dispatch('toString', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
  });

  it('persists settings and pushes settings:changed', async () => {
    const { router, ctx } = testRouter();
    const seen: unknown[] = [];
    ctx.events.subscribe((name, payload) => name === 'settings:changed' && seen.push(payload));
    const env = await router.dispatch('settings:update', { theme: 'dark' });
    expect(env).toMatchObject({ ok: true, result: { theme: 'dark' } });
    expect(seen).toEqual([expect.objectContaining({ theme: 'dark' })]);
    expect((await router.dispatch('settings:get', {})) as { result: { theme: string } }).toMatchObject({ result: { theme: 'dark' } });
  });

  it('refuses malformed request ids and duplicate running ids', async () => {
    const { router } = testRouter();
    expect(await router.dispatch('app:info', {}, { requestId: 'bad id with spaces' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', details: { field: 'requestId' } },
    });
    expect(await router.dispatch('app:info', {}, { requestId: 42 })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  it('runs a job channel as a job: typed progress events with sequence numbers, cancel by job id', async () => {
    const events = new EventBus();
    const jobs = new JobManager({ emit: (e) => events.emit('job:event', e) });
    let started!: () => void;
    const startedP = new Promise<void>((r) => (started = r));
    const handlers = {
      'connections:test': async (_req: unknown, job: JobContext<TestProgressData>) => {
        job.report({ done: 1, total: 6, message: 'first', data: { stages: [] } });
        started();
        await new Promise<void>((resolve) => job.signal.addEventListener('abort', () => resolve()));
        throwIfCancelled(job.signal);
        return {} as never;
      },
    } as unknown as Handlers;
    const router = new Router(handlers, events, jobs, JOB_CHANNELS);
    const seen: JobEvent[] = [];
    events.subscribe((name, p) => name === 'job:event' && seen.push(p as JobEvent));
    const pending = router.dispatch('connections:test', { id: 'p1' }, { requestId: 'job-1' });
    await startedP;
    expect(await router.dispatch('connections:test', { id: 'p1' }, { requestId: 'job-1' })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
    expect(jobs.get('job-1')).toMatchObject({ state: 'running', progress: { done: 1, total: 6, message: 'first' } });
    expect(jobs.cancel('job-1')).toBe(true);
    expect(await pending).toMatchObject({ ok: false, error: { code: 'CANCELLED', retryable: true } });
    expect(seen.map((e) => [e.seq, e.type, e.state])).toEqual([
      [1, 'progress', undefined],
      [2, 'state', 'cancelled'],
    ]);
    expect(seen[0]).toMatchObject({ jobId: 'job-1', kind: 'connections:test', progress: { done: 1, data: { stages: [] } } });
    expect(jobs.cancel('job-1')).toBe(false);
  });

  it('a job goes on when its caller goes away (closed tab); screen-bound jobs stop with it', async () => {
    const jobs = new JobManager({ emit: () => undefined });
    const release: (() => void)[] = [];
    const wait = (job: JobContext) =>
      new Promise<void>((resolve, reject) => {
        release.push(resolve);
        job.signal.addEventListener('abort', () => reject(new ContractError('CANCELLED', 'Cancelled')));
      });
    const handlers = {
      'fleet:refresh': async (_req: unknown, job: JobContext) => (await wait(job), { secretId: 1, results: [], succeeded: 0, failed: 0 }),
      'logs:index': async (_req: unknown, job: JobContext) => (await wait(job), { path: 'x', lines: 1 }),
    } as unknown as Handlers;
    const router = new Router(handlers, new EventBus(), jobs, JOB_CHANNELS);
    const tab = new AbortController();
    const refresh = router.dispatch('fleet:refresh', { secretId: 1 }, { requestId: 'r1', signal: tab.signal });
    const index = router.dispatch('logs:index', { path: '/tmp/x.log' }, { requestId: 'i1', signal: tab.signal });
    await vi.waitFor(() => expect(release).toHaveLength(2));
    tab.abort();
    expect(await index).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    expect(jobs.get('r1').state).toBe('running');
    release[0]!();
    expect(await refresh).toMatchObject({ ok: true, result: { secretId: 1 } });
    expect(jobs.get('r1').state).toBe('succeeded');
  });

  it('turns thrown errors into envelopes without leaking secrets', async () => {
    const handlers = {
      'app:info': () => {
        throw new Error('login failed for https://admin:hunter2@ss.example.com with password=hunter2 Bearer abc.def.ghi');
      },
      'app:notices': () => {
        throw new ContractError('ACCESS_DENIED', 'Access Denied', { details: { token: 'xyz-secret', field: 'username' } });
      },
    } as unknown as Handlers;
    const router = new Router(handlers, new EventBus(), new JobManager({ emit: () => undefined }), JOB_CHANNELS);
    const env = await router.dispatch('app:info', {});
    expect(env.ok).toBe(false);
    const text = JSON.stringify(env);
    expect(text).not.toContain('hunter2');
    expect(text).not.toContain('abc.def.ghi');
    expect(env).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    const env2 = await router.dispatch('app:notices', {});
    expect(env2).toMatchObject({ ok: false, error: { code: 'ACCESS_DENIED', details: { token: '[redacted]', field: 'username' } } });
  });
});
