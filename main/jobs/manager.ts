import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ContractError, mergeProgressData, type JobEvent, type JobProgress, type JobSnapshot, type JobState } from '../../contract';
import { toErrorData } from '../ipc/errors';
import { Journal, journalPath, readJournal } from './journal';
import { checkpointsOf, LOG_KEPT, replay, snapshotOf, type JobRecord } from './record';
import type { JobContext, JobHandle, JobKind, JobOutcome, JobRun, StartOptions } from './types';

/** Options of a JobManager. */
export interface JobManagerOptions {
  /** The data folder; journals go to `<dataDir>/jobs/<id>/journal.jsonl`. None: nothing is persisted. */
  readonly dataDir?: string;
  /** Receives every job event (the transports forward them as `job:event`). */
  readonly emit: (event: JobEvent) => void;
  /** Finished jobs kept (on disk and in memory); older ones are removed at start. */
  readonly keep?: number;
}

const ID = /^[A-Za-z0-9_.:-]{1,100}$/;
/** Results larger than this stay in memory only (the journal notes the job's end without them). */
const MAX_JOURNALED_RESULT = 256 * 1024;
/** Progress is journaled at most this often (the newest report is always in memory). */
const PROGRESS_JOURNAL_MS = 1000;

interface Live {
  readonly controller: AbortController;
  readonly journal: Journal | null;
  lastJournaledProgress: number;
  done?: Promise<JobOutcome>;
}

/**
 * Runs long work as jobs: an id, a state, typed progress pushed as events with a sequence
 * number, cancel, and (for persisted kinds) an fsynced journal replayed at the next start, so a
 * job cut off by a crash shows as interrupted and can be resumed. No transport code: the
 * router and the command line sit on top.
 */
export class JobManager {
  private readonly jobs = new Map<string, JobRecord>();
  private readonly live = new Map<string, Live>();
  private readonly kinds = new Map<string, JobKind>();
  private readonly jobsDir: string | null;
  private readonly keep: number;

  constructor(private readonly opts: JobManagerOptions) {
    this.jobsDir = opts.dataDir ? join(opts.dataDir, 'jobs') : null;
    this.keep = opts.keep ?? 200;
  }

  /** Declares a kind: whether it is journaled, and how it resumes. */
  define(kind: string, def: JobKind): void {
    this.kinds.set(kind, def);
  }

  /**
   * Replays the journals of earlier runs: finished jobs are listed as they ended, jobs cut off
   * mid-way as `interrupted` (recorded in their journal). Removes the oldest beyond `keep`.
   */
  open(): void {
    if (!this.jobsDir || !existsSync(this.jobsDir)) return;
    const found: JobRecord[] = [];
    for (const id of readdirSync(this.jobsDir)) {
      if (!ID.test(id) || this.jobs.has(id)) continue;
      const file = journalPath(this.jobsDir, id);
      const replayed = replay(id, readJournal(file));
      if (!replayed) continue;
      const { job, cutOff } = replayed;
      if (cutOff) {
        const at = new Date().toISOString();
        const error = new ContractError('INTERNAL', 'Interrupted: the process ended while this job ran.', { retryable: true }).toData();
        const j = new Journal(file);
        j.append({ t: 'end', at, state: 'interrupted', error });
        j.close();
        Object.assign(job, { state: 'interrupted', endedAt: at, updatedAt: at, error, seq: job.seq + 1 });
      }
      found.push(job);
    }
    found.sort((a, b) => a.startedAt.localeCompare(b.startedAt));
    for (const old of found.splice(0, Math.max(0, found.length - this.keep))) {
      rmSync(join(this.jobsDir, old.id), { recursive: true, force: true });
    }
    for (const job of found) this.jobs.set(job.id, job);
  }

  /** Starts a job; `run` does the work. */
  start<P, R>(kind: string, input: unknown, run: JobRun<P, R>, opts: StartOptions = {}): JobHandle<R> {
    const id = opts.id ?? randomUUID();
    if (!ID.test(id)) throw new ContractError('VALIDATION', 'Invalid job id', { details: { field: 'requestId' } });
    if (this.jobs.has(id)) {
      throw new ContractError('CONFLICT', `A job with id ${id} already exists.`, { details: { field: 'requestId' } });
    }
    const persist = opts.persist ?? this.kinds.get(kind)?.persist ?? false;
    const now = new Date().toISOString();
    const job: JobRecord = { id, kind, input, persist, state: 'running', seq: 0, startedAt: now, updatedAt: now, resumes: 0, log: [] };
    this.jobs.set(id, job);
    this.prune();
    const journal = persist && this.jobsDir ? new Journal(journalPath(this.jobsDir, id)) : null;
    journal?.append({ t: 'start', at: now, kind, input });
    return this.launch(job, journal, run as JobRun, [], opts.cancelWith) as JobHandle<R>;
  }

  /** Continues an interrupted, cancelled or failed job of a resumable kind from its checkpoints. */
  resume(id: string): JobHandle {
    const job = this.jobs.get(id);
    if (!job) throw new ContractError('NOT_FOUND', `No job with id ${id}.`, { details: { field: 'jobId' } });
    const kind = this.kinds.get(job.kind);
    if (!this.resumable(job) || !kind?.resume || !this.jobsDir) {
      throw new ContractError('CONFLICT', `Job ${id} (${job.kind}, ${job.state}) cannot be resumed.`, { details: { field: 'jobId' } });
    }
    const file = journalPath(this.jobsDir, id);
    const checkpoints = checkpointsOf(readJournal(file));
    const journal = new Journal(file);
    const now = new Date().toISOString();
    journal.append({ t: 'resume', at: now });
    Object.assign(job, { state: 'running', updatedAt: now, resumes: job.resumes + 1 });
    delete job.endedAt;
    delete job.error;
    delete job.result;
    this.emit(job, { type: 'state', state: 'running' });
    const resume = kind.resume;
    return this.launch(job, journal, (ctx) => resume(job.input, ctx), checkpoints, undefined, true);
  }

  /** Asks a running job to stop; false when it is not running. */
  cancel(id: string): boolean {
    const live = this.live.get(id);
    if (!live) return false;
    live.controller.abort();
    return true;
  }

  /** Waits for a job (running or not) to end. */
  async wait(id: string): Promise<JobOutcome> {
    const live = this.live.get(id);
    if (live?.done) return live.done;
    const job = this.jobs.get(id);
    if (!job) throw new ContractError('NOT_FOUND', `No job with id ${id}.`, { details: { field: 'jobId' } });
    if (job.state === 'succeeded') return { ok: true, result: job.result };
    return {
      ok: false,
      state: job.state as Exclude<JobState, 'running' | 'succeeded'>,
      error: job.error ?? { code: 'INTERNAL', message: `Job ${job.state}`, retryable: false },
    };
  }

  /** One job's snapshot. */
  get(id: string): JobSnapshot {
    const job = this.jobs.get(id);
    if (!job) throw new ContractError('NOT_FOUND', `No job with id ${id}.`, { details: { field: 'jobId' } });
    return snapshotOf(job, this.resumable(job));
  }

  /** Jobs, newest first. */
  list(filter: { kind?: string; states?: readonly JobState[]; limit?: number } = {}): JobSnapshot[] {
    return [...this.jobs.values()]
      .filter((j) => (!filter.kind || j.kind === filter.kind) && (!filter.states || filter.states.includes(j.state)))
      .sort((a, b) => b.startedAt.localeCompare(a.startedAt))
      .slice(0, filter.limit ?? 100)
      .map((j) => snapshotOf(j, this.resumable(j)));
  }

  /** Cancels every running job and waits for them to stop (process shutdown: they stay resumable). */
  async shutdown(): Promise<void> {
    const running = [...this.live.values()];
    for (const l of running) l.controller.abort();
    await Promise.all(running.map((l) => l.done));
  }

  private resumable(job: JobRecord): boolean {
    return job.persist && Boolean(this.kinds.get(job.kind)?.resume) && job.state !== 'running' && job.state !== 'succeeded';
  }

  private launch(
    job: JobRecord,
    journal: Journal | null,
    run: JobRun,
    checkpoints: readonly unknown[],
    cancelWith?: AbortSignal,
    resumed = false,
  ): JobHandle {
    const controller = new AbortController();
    const onCallerGone = () => controller.abort();
    if (cancelWith?.aborted) controller.abort();
    cancelWith?.addEventListener('abort', onCallerGone, { once: true });
    const live: Live = { controller, journal, lastJournaledProgress: 0 };
    const ctx: JobContext = {
      id: job.id,
      kind: job.kind,
      signal: controller.signal,
      checkpoints,
      resumed,
      report: (p) => this.report(job, live, p),
      log: (line) => {
        if (this.live.get(job.id) !== live) return;
        const text = String(line).slice(0, 2000);
        job.log.push(text);
        if (job.log.length > LOG_KEPT) job.log.shift();
        journal?.append({ t: 'log', at: new Date().toISOString(), line: text });
        this.emit(job, { type: 'log', line: text });
      },
      checkpoint: (data) => {
        if (this.live.get(job.id) !== live) return;
        journal?.append({ t: 'checkpoint', at: new Date().toISOString(), data });
      },
    };
    this.live.set(job.id, live);
    const done = (async (): Promise<JobOutcome> => {
      try {
        const result = await run(ctx);
        if (controller.signal.aborted) throw new ContractError('CANCELLED', 'Cancelled', { retryable: true });
        return this.end(job, live, { ok: true, result });
      } catch (err) {
        const error = toErrorData(controller.signal.aborted && !(err instanceof ContractError) ? cancelledError() : err);
        const state = controller.signal.aborted || error.code === 'CANCELLED' ? 'cancelled' : 'failed';
        return this.end(job, live, { ok: false, state, error: state === 'cancelled' ? cancelledError().toData() : error });
      } finally {
        cancelWith?.removeEventListener('abort', onCallerGone);
      }
    })();
    live.done = done;
    return { id: job.id, done };
  }

  private report(job: JobRecord, live: Live, p: JobProgress): void {
    if (this.live.get(job.id) !== live) return;
    const data = mergeProgressData(job.kind, job.progress?.data, p.data);
    job.progress = {
      done: p.done,
      ...(p.total !== undefined ? { total: p.total } : {}),
      ...(p.message ? { message: p.message } : {}),
      ...(data !== undefined ? { data } : {}),
    };
    job.updatedAt = new Date().toISOString();
    const now = Date.now();
    if (live.journal && now - live.lastJournaledProgress >= PROGRESS_JOURNAL_MS) {
      live.lastJournaledProgress = now;
      const { data: _omit, ...counts } = job.progress;
      live.journal.append({ t: 'progress', at: job.updatedAt, progress: counts });
    }
    this.emit(job, { type: 'progress', progress: p });
  }

  private end(job: JobRecord, live: Live, outcome: JobOutcome): JobOutcome {
    const at = new Date().toISOString();
    const state: Exclude<JobState, 'running'> = outcome.ok ? 'succeeded' : outcome.state;
    Object.assign(job, { state, endedAt: at, updatedAt: at });
    if (outcome.ok) job.result = outcome.result;
    else job.error = outcome.error;
    if (live.journal) {
      if (job.progress) {
        const { data: _omit, ...counts } = job.progress;
        live.journal.append({ t: 'progress', at, progress: counts });
      }
      const small = outcome.ok && JSON.stringify(outcome.result ?? null).length <= MAX_JOURNALED_RESULT;
      live.journal.append({ t: 'end', at, state, ...(small ? { result: job.result } : {}), ...(job.error ? { error: job.error } : {}) });
      live.journal.close();
    }
    this.live.delete(job.id);
    this.emit(job, { type: 'state', state, ...(outcome.ok ? { result: outcome.result } : { error: outcome.error }) });
    return outcome;
  }

  private emit(job: JobRecord, e: Omit<JobEvent, 'jobId' | 'kind' | 'seq'>): void {
    job.seq += 1;
    try {
      this.opts.emit({ jobId: job.id, kind: job.kind, seq: job.seq, ...e });
    } catch {
      // A listener's failure must not stop the job.
    }
  }

  /** Keeps memory bounded: the oldest finished in-memory-only jobs go first. */
  private prune(): void {
    const finished = [...this.jobs.values()].filter((j) => j.state !== 'running');
    const over = this.jobs.size - this.keep;
    for (const j of finished.sort((a, b) => a.startedAt.localeCompare(b.startedAt)).slice(0, Math.max(0, over))) {
      this.jobs.delete(j.id);
      if (j.persist && this.jobsDir) rmSync(join(this.jobsDir, j.id), { recursive: true, force: true });
    }
  }
}

function cancelledError(): ContractError {
  return new ContractError('CANCELLED', 'Cancelled', { retryable: true });
}
