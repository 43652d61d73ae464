import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CHANNEL_NAMES, ContractError, channels } from '../../../contract';
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

  it('streams progress for a request id and cancels through jobs:cancel', async () => {
    const events = new EventBus();
    let started!: () => void;
    const startedP = new Promise<void>((r) => (started = r));
    const handlers = {
      'app:info': async (_req: unknown, ctx: Parameters<Handlers['app:info']>[1]) => {
        ctx.progress(1, 10, 'first');
        started();
        await new Promise<void>((resolve) => ctx.signal.addEventListener('abort', () => resolve()));
        throwIfCancelled(ctx.signal);
        return {} as never;
      },
    } as unknown as Handlers;
    const router = new Router(handlers, events);
    const progress: unknown[] = [];
    events.subscribe((name, p) => name === 'job:progress' && progress.push(p));
    const pending = router.dispatch('app:info', {}, { requestId: 'job-1' });
    await startedP;
    expect(await router.dispatch('app:info', {}, { requestId: 'job-1' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(router.cancel('job-1')).toBe(true);
    expect(await pending).toMatchObject({ ok: false, error: { code: 'CANCELLED', retryable: true } });
    expect(progress).toEqual([{ requestId: 'job-1', done: 1, total: 10, message: 'first', data: undefined }]);
    expect(router.cancel('job-1')).toBe(false);
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
    const router = new Router(handlers, new EventBus());
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
