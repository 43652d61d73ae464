import { JobManager } from '../../../main/jobs';
import { JOB_CHANNELS } from '../../../main/app/handlers';
import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { JobEvent } from '../../../contract';
import type { LogLinesEvent, LogSearchHit } from '../../../contract/channels/logs';
import type { Services } from '../../../main/app/services';
import { EventBus, Router, type Handlers } from '../../../main/ipc/router';
import { logsHandlers } from '../../../main/logs/handlers';
import { LogService } from '../../../main/logs/service';
import { tempDir, waitFor } from '../../unit/logs/temp';

let t: ReturnType<typeof tempDir>;
let svc: LogService;
let router: Router;
let events: Array<{ name: string; payload: unknown }>;

beforeEach(() => {
  t = tempDir();
  svc = new LogService();
  const bus = new EventBus();
  events = [];
  bus.subscribe((name, payload) => events.push({ name, payload }));
  const ctx = { events: bus };
  router = new Router(
    logsHandlers({ context: ctx, logs: svc } as unknown as Services) as unknown as Handlers,
    bus,
    new JobManager({ emit: (e) => bus.emit('job:event', e) }),
    JOB_CHANNELS,
  );
});
afterEach(async () => {
  await svc.close();
  t.cleanup();
});

describe('logs channels', () => {
  it('tails, follows through logs:lines events and unfollows', async () => {
    const path = join(t.dir, 'x.log');
    writeFileSync(path, 'one\ntwo\n');
    const tail = await router.dispatch('logs:tail', { path });
    expect(tail.ok).toBe(true);
    const page = (tail as { result: { end: number; fileId: string; entries: Array<{ text: string }> } }).result;
    expect(page.entries.map((e) => e.text)).toEqual(['one', 'two']);
    const f = await router.dispatch('logs:follow', { path, offset: page.end, fileId: page.fileId });
    const { followId } = (f as { result: { followId: string } }).result;
    appendFileSync(path, 'three\n');
    const ev = await waitFor(() => events.find((e) => e.name === 'logs:lines')?.payload as LogLinesEvent | undefined);
    expect(ev.followId).toBe(followId);
    expect(ev.entries.map((e) => e.text)).toEqual(['three']);
    expect(await router.dispatch('logs:unfollow', { followId })).toEqual({ ok: true, result: { stopped: true } });
  });

  it('streams search hits as job progress for the request id', async () => {
    const path = join(t.dir, 's.log');
    writeFileSync(path, 'a secretId=1\nb\nc SecretId=1\n');
    const r = await router.dispatch('logs:search', { paths: [path], pattern: 'secretid=1' }, { requestId: 'search-1' });
    expect(r).toEqual({ ok: true, result: { matches: 2, scannedBytes: 28, truncated: false } });
    const hits = events
      .filter((e) => e.name === 'job:event' && (e.payload as JobEvent).jobId === 'search-1')
      .flatMap((e) => (e.payload as JobEvent<{ hits: LogSearchHit[] }>).progress?.data?.hits ?? []);
    expect(hits.map((h) => h.line)).toEqual([1, 3]);
  });

  it('answers errors as data: a missing file names the file, a bad regex the field', async () => {
    const missing = join(t.dir, 'nope.log');
    const r = await router.dispatch('logs:tail', { path: missing });
    expect(r).toMatchObject({ ok: false, error: { code: 'FILE', details: { field: 'path', file: missing } } });
    const bad = await router.dispatch('logs:search', { paths: [missing], pattern: '(', regex: true });
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { field: 'pattern' } } });
    const both = await router.dispatch('logs:locate', { path: missing, line: 1, time: '2025-01-01' });
    expect(both).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  it('resolves a source and offers the Distributed Engine folder', async () => {
    writeFileSync(join(t.dir, 'SSDE.log'), 'x\n');
    const r = await router.dispatch('logs:resolveSource', { input: t.dir });
    expect(r).toMatchObject({ ok: true, result: { kind: 'folder', current: join(t.dir, 'SSDE.log') } });
    const d = await router.dispatch('logs:defaults', {});
    expect(d).toMatchObject({
      ok: true,
      result: { engineLogFolder: 'C:\\Program Files\\Thycotic Software Ltd\\Distributed Engine\\log\\' },
    });
  });

  it('gives the full text of a whole multi-line entry, every line in full', async () => {
    const path = join(t.dir, 'trace.log');
    const long = 'x'.repeat(20_000);
    const first = `2025-01-31 14:02:11.123 +00:00 [ERR] Refresh failed ${long}`;
    const frames = ['System.Net.Http.HttpRequestException: boom', `   at Cache.Refresh(${'y'.repeat(12_000)})`, '   at Cache.Run()'];
    writeFileSync(path, [first, ...frames, '2025-01-31 14:02:12.000 +00:00 [INF] next entry', ''].join('\r\n'));
    const tail = await router.dispatch('logs:tail', { path });
    const entry = (tail as { result: { entries: Array<{ offset: number; end: number; lines: number; truncated: boolean }> } }).result
      .entries[0]!;
    expect(entry).toMatchObject({ offset: 0, lines: 4, truncated: true });
    const r = await router.dispatch('logs:lineText', { path, offset: entry.offset, end: entry.end });
    expect(r).toEqual({ ok: true, result: { text: [first, ...frames].join('\n'), truncated: false, bytes: entry.end } });
    // Without `end` it is still one line, and the cap still holds across the entry.
    const one = await router.dispatch('logs:lineText', { path, offset: 0 });
    expect(one).toMatchObject({ ok: true, result: { text: first, truncated: false } });
    const capped = await router.dispatch('logs:lineText', { path, offset: 0, end: entry.end, maxBytes: 25_000 });
    expect(capped).toMatchObject({ ok: true, result: { truncated: true } });
    const text = (capped as { result: { text: string } }).result.text;
    expect(text.startsWith(first)).toBe(true);
    expect(text.length).toBeLessThanOrEqual(25_000 + 4);
  });
});
