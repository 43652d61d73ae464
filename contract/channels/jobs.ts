import { z } from 'zod';
import { channel, result } from '../define';
import type { ContractErrorData } from '../errors';

/** Where a job is in its life. `interrupted`: the process ended while it ran (found at the next start). */
export type JobState = 'running' | 'succeeded' | 'failed' | 'cancelled' | 'interrupted';

/** States a job never leaves by itself. */
export const TERMINAL_JOB_STATES: readonly JobState[] = ['succeeded', 'failed', 'cancelled', 'interrupted'];

/** A progress report: counts, a line for people, and the job kind's own data. */
export interface JobProgress<P = unknown> {
  readonly done: number;
  readonly total?: number;
  readonly message?: string;
  readonly data?: P;
}

/** What `jobs:get` / `jobs:list` return for one job. `seq` is the number of its newest event. */
export interface JobSnapshot<P = unknown, R = unknown> {
  readonly id: string;
  readonly kind: string;
  readonly state: JobState;
  readonly seq: number;
  readonly startedAt: string;
  readonly updatedAt: string;
  readonly endedAt?: string;
  /** The request it was started with (job inputs never hold credentials). */
  readonly input: unknown;
  /** The latest progress; `data` holds everything reported so far (see `mergeProgressData`). */
  readonly progress?: JobProgress<P>;
  readonly result?: R;
  readonly error?: ContractErrorData;
  /** True when `jobs:resume` can continue it (its kind resumes, and it is not running or succeeded). */
  readonly resumable: boolean;
  /** Times it was resumed. */
  readonly resumes: number;
  /** The newest lines the job logged. */
  readonly log: readonly string[];
}

/** One job event; `seq` grows by one per event of the job, so a late subscriber can drop what a snapshot already holds. */
export interface JobEvent<P = unknown> {
  readonly jobId: string;
  readonly kind: string;
  readonly seq: number;
  readonly type: 'progress' | 'state' | 'log';
  /** `progress`: the report as made (its `data` is the increment, not the total). */
  readonly progress?: JobProgress<P>;
  /** `state`: the new state, with the result or error when it ended. */
  readonly state?: JobState;
  readonly result?: unknown;
  readonly error?: ContractErrorData;
  /** `log`: one line. */
  readonly line?: string;
}

/** Events of the jobs area. */
export interface JobsEvents {
  'job:event': JobEvent;
}

const jobId = z.string().regex(/^[A-Za-z0-9_.:-]{1,100}$/, 'A job id is 1–100 letters, digits or _.:-');
const states = z.enum(['running', 'succeeded', 'failed', 'cancelled', 'interrupted']);

/** Jobs: long work that outlives the request that started it. */
export const jobsChannels = {
  'jobs:list': channel(
    z
      .object({
        kind: z.string().min(1).max(100).optional(),
        states: z.array(states).min(1).max(5).optional(),
        limit: z.number().int().min(1).max(500).default(100),
      })
      .strict(),
    result<readonly JobSnapshot[]>(),
  ),
  'jobs:get': channel(z.object({ jobId }).strict(), result<JobSnapshot>()),
  'jobs:cancel': channel(z.object({ jobId }).strict(), result<{ readonly cancelled: boolean }>()),
  'jobs:resume': channel(z.object({ jobId }).strict(), result<JobSnapshot>()),
} as const;
