import { appendFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ContractError, type JobEvent } from '../../../contract';
import { JobManager, journalPath, readJournal, type JobContext } from '../../../main/jobs';

let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'ec-jobs-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A job that counts to `to`, checkpointing each step, and can be held at a step. */
function counter(to: number, hold?: { at: number; until: Promise<void> }) {
  return async (job: JobContext<{ n: number }>) => {
    const last = (job.checkpoints.at(-1) as { n: number } | undefined)?.n ?? 0;
    for (let n = last + 1; n <= to; n += 1) {
      if (hold && n === hold.at) await hold.until;
      if (job.signal.aborted) throw new ContractError('CANCELLED', 'Cancelled');
      job.checkpoint({ n });
      job.report({ done: n, total: to, data: { n } });
    }
    return { counted: to, resumedFrom: last };
  };
}

describe('JobManager', () => {
  it('runs a job to success with progress events numbered 1, 2, 3… and a journal on disk', async () => {
    const events: JobEvent[] = [];
    const jobs = new JobManager({ dataDir: dir, emit: (e) => events.push(e) });
    jobs.define('count', { persist: true });
    const h = jobs.start('count', { to: 3 }, counter(3), { id: 'j1' });
    expect(await h.done).toEqual({ ok: true, result: { counted: 3, resumedFrom: 0 } });
    expect(events.map((e) => e.seq)).toEqual([1, 2, 3, 4]);
    expect(events.at(-1)).toMatchObject({ type: 'state', state: 'succeeded', result: { counted: 3 } });
    expect(jobs.get('j1')).toMatchObject({ state: 'succeeded', seq: 4, progress: { done: 3, total: 3 }, resumable: false });
    const kinds = readJournal(journalPath(join(dir, 'jobs'), 'j1')).map((r) => r.t);
    expect(kinds[0]).toBe('start');
    expect(kinds.filter((k) => k === 'checkpoint')).toHaveLength(3);
    expect(kinds.at(-1)).toBe('end');
  });

  it('a job cut off mid-way comes back as interrupted at the next start and resumes from its last checkpoint', async () => {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const first = new JobManager({ dataDir: dir, emit: () => undefined });
    first.define('count', { persist: true });
    void first.start('count', { to: 5 }, counter(5, { at: 3, until: held }), { id: 'j2' });
    await new Promise((r) => setTimeout(r, 20));
    // The process "dies" here: no end record is written. A torn half-line is left at the end too.
    appendFileSync(journalPath(join(dir, 'jobs'), 'j2'), '{"t":"checkpoint","at":"2026');

    const second = new JobManager({ dataDir: dir, emit: () => undefined });
    second.define('count', {
      persist: true,
      resume: (input, ctx) => counter((input as { to: number }).to)(ctx as JobContext<{ n: number }>),
    });
    second.open();
    expect(second.get('j2')).toMatchObject({ state: 'interrupted', resumable: true, progress: { done: 1, total: 5 } });
    expect(second.list({ states: ['interrupted'] }).map((j) => j.id)).toEqual(['j2']);
    const h = second.resume('j2');
    expect(await h.done).toEqual({ ok: true, result: { counted: 5, resumedFrom: 2 } });
    expect(second.get('j2')).toMatchObject({ state: 'succeeded', resumes: 1, resumable: false });
    release();

    // A third start reads the same end state from the journal.
    const third = new JobManager({ dataDir: dir, emit: () => undefined });
    third.open();
    expect(third.get('j2')).toMatchObject({ state: 'succeeded', result: { counted: 5, resumedFrom: 2 }, resumes: 1 });
  });

  it('cancel stops a job; it stays resumable, and a kind without resume refuses to resume', async () => {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const jobs = new JobManager({ dataDir: dir, emit: () => undefined });
    jobs.define('count', { persist: true, resume: (i, c) => counter((i as { to: number }).to)(c as JobContext<{ n: number }>) });
    jobs.define('once', { persist: true });
    const h = jobs.start('count', { to: 4 }, counter(4, { at: 2, until: held }), { id: 'c1' });
    await new Promise((r) => setTimeout(r, 10));
    expect(jobs.cancel('c1')).toBe(true);
    release();
    expect(await h.done).toMatchObject({ ok: false, state: 'cancelled', error: { code: 'CANCELLED' } });
    expect(jobs.get('c1')).toMatchObject({ state: 'cancelled', resumable: true });
    expect(await jobs.resume('c1').done).toEqual({ ok: true, result: { counted: 4, resumedFrom: 1 } });

    const o = jobs.start('once', {}, async () => {
      throw new Error('boom');
    });
    expect(await o.done).toMatchObject({ ok: false, state: 'failed', error: { code: 'INTERNAL', message: 'boom' } });
    expect(() => jobs.resume(o.id)).toThrow(/cannot be resumed/);
  });

  it('refuses a second job with the same id and an invalid id', () => {
    const jobs = new JobManager({ emit: () => undefined });
    jobs.start('k', {}, () => new Promise(() => undefined), { id: 'same' });
    expect(() => jobs.start('k', {}, async () => 1, { id: 'same' })).toThrow(/already exists/);
    expect(() => jobs.start('k', {}, async () => 1, { id: 'no spaces' })).toThrow(/Invalid job id/);
  });

  it('keeps short-lived kinds off the disk and sums progress data of kinds that report increments', async () => {
    const jobs = new JobManager({ dataDir: dir, emit: () => undefined });
    jobs.define('logs:index', { persist: false });
    await jobs.start('logs:index', {}, async () => 1, { id: 'idx' }).done;
    expect(existsSync(join(dir, 'jobs', 'idx'))).toBe(false);
    await jobs.start(
      'fleet:refresh',
      {},
      async (job: JobContext<{ outcomes: string[] }>) => {
        job.report({ done: 1, data: { outcomes: ['a'] } });
        job.report({ done: 2, data: { outcomes: ['b'] } });
      },
      { id: 'fr' },
    ).done;
    expect(jobs.get('fr').progress?.data).toEqual({ outcomes: ['a', 'b'] });
  });

  it('removes the oldest finished jobs beyond `keep` at start', async () => {
    const jobs = new JobManager({ dataDir: dir, emit: () => undefined, keep: 1000 });
    for (let i = 0; i < 5; i += 1) {
      await jobs.start('k', {}, async () => i, { id: `old-${i}`, persist: true }).done;
      await new Promise((r) => setTimeout(r, 2));
    }
    const later = new JobManager({ dataDir: dir, emit: () => undefined, keep: 2 });
    later.open();
    expect(later.list().map((j) => j.id)).toEqual(['old-4', 'old-3']);
    expect(readdirSync(join(dir, 'jobs')).sort()).toEqual(['old-3', 'old-4']);
    expect(readFileSync(journalPath(join(dir, 'jobs'), 'old-4'), 'utf8')).toContain('"state":"succeeded"');
  });

  it('shutdown cancels running jobs and waits for them', async () => {
    const jobs = new JobManager({ dataDir: dir, emit: () => undefined });
    const h = jobs.start(
      'k',
      {},
      (job) => new Promise((_, reject) => job.signal.addEventListener('abort', () => reject(new ContractError('CANCELLED', 'Cancelled')))),
      { id: 'run', persist: true },
    );
    await jobs.shutdown();
    expect(await h.done).toMatchObject({ state: 'cancelled' });
    expect(readJournal(journalPath(join(dir, 'jobs'), 'run')).at(-1)).toMatchObject({ t: 'end', state: 'cancelled' });
  });
});
