import type { ContractErrorData, JobProgress, JobSnapshot, JobState } from '../../contract';
import type { JournalRecord } from './journal';

/** Lines of a job's log kept in memory (all of them are in its journal). */
export const LOG_KEPT = 50;

/** A job as the manager holds it. */
export interface JobRecord {
  readonly id: string;
  readonly kind: string;
  readonly input: unknown;
  readonly persist: boolean;
  state: JobState;
  seq: number;
  startedAt: string;
  updatedAt: string;
  endedAt?: string;
  progress?: JobProgress;
  result?: unknown;
  error?: ContractErrorData;
  resumes: number;
  log: string[];
}

/** The snapshot of a job; `resumable` is decided by the manager (it knows the kinds). */
export function snapshotOf(r: JobRecord, resumable: boolean): JobSnapshot {
  return {
    id: r.id,
    kind: r.kind,
    state: r.state,
    seq: r.seq,
    startedAt: r.startedAt,
    updatedAt: r.updatedAt,
    ...(r.endedAt ? { endedAt: r.endedAt } : {}),
    input: r.input,
    ...(r.progress ? { progress: r.progress } : {}),
    ...(r.result !== undefined ? { result: r.result } : {}),
    ...(r.error ? { error: r.error } : {}),
    resumable,
    resumes: r.resumes,
    log: [...r.log],
  };
}

/**
 * Rebuilds a job from its journal. A job whose last run has no `end` record was cut off (crash,
 * kill, power loss): it comes back as `interrupted`, and `cutOff` tells the caller to record that.
 */
export function replay(id: string, records: readonly JournalRecord[]): { job: JobRecord; cutOff: boolean } | null {
  const start = records[0];
  if (!start || start.t !== 'start') return null;
  const job: JobRecord = {
    id,
    kind: start.kind,
    input: start.input,
    persist: true,
    state: 'running',
    seq: 0,
    startedAt: start.at,
    updatedAt: start.at,
    resumes: 0,
    log: [],
  };
  for (const r of records) {
    job.seq += 1;
    job.updatedAt = r.at;
    switch (r.t) {
      case 'start':
      case 'checkpoint':
        break;
      case 'progress':
        job.progress = r.progress;
        break;
      case 'log':
        job.log.push(r.line);
        if (job.log.length > LOG_KEPT) job.log.shift();
        break;
      case 'resume':
        job.resumes += 1;
        job.state = 'running';
        delete job.endedAt;
        delete job.error;
        delete job.result;
        break;
      case 'end':
        job.state = r.state;
        job.endedAt = r.at;
        if (r.result !== undefined) job.result = r.result;
        if (r.error) job.error = r.error;
        break;
    }
  }
  return { job, cutOff: job.state === 'running' };
}

/** The checkpoints a journal holds, oldest first. */
export function checkpointsOf(records: readonly JournalRecord[]): unknown[] {
  return records.flatMap((r) => (r.t === 'checkpoint' ? [r.data] : []));
}
