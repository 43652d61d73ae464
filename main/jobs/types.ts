import type { ContractErrorData, JobProgress, JobState } from '../../contract';

/** What a job's run function gets. */
export interface JobContext<P = unknown> {
  readonly id: string;
  readonly kind: string;
  /** Aborted by `cancel` (or, for jobs tied to their caller, when the caller goes away). */
  readonly signal: AbortSignal;
  /** Reports progress; `data` is the increment since the last report (see `mergeProgressData`). */
  report(progress: JobProgress<P>): void;
  /** One line for the job's log (journaled, shown with the job). */
  log(line: string): void;
  /** Records a point the job can be resumed from (journaled and fsynced before it returns). */
  checkpoint(data: unknown): void;
  /** Checkpoints of earlier runs of this job, oldest first (empty on a first run). */
  readonly checkpoints: readonly unknown[];
  /** True when this run continues an earlier one. */
  readonly resumed: boolean;
}

/** The work of one job. */
export type JobRun<P = unknown, R = unknown> = (ctx: JobContext<P>) => Promise<R>;

/** How a kind of job behaves. */
export interface JobKind {
  /** Journal on disk, replayed at start; false for short work tied to one screen (line index, locate). */
  readonly persist: boolean;
  /** Continues a job from its input and checkpoints (`ctx.checkpoints`); absent: it cannot be resumed. */
  readonly resume?: (input: unknown, ctx: JobContext) => Promise<unknown>;
}

/** How a job ended (never rejects). */
export type JobOutcome<R = unknown> =
  | { readonly ok: true; readonly result: R }
  | { readonly ok: false; readonly error: ContractErrorData; readonly state: Exclude<JobState, 'running' | 'succeeded'> };

/** A started job. */
export interface JobHandle<R = unknown> {
  readonly id: string;
  /** Settles when the job ends, whatever the outcome. */
  readonly done: Promise<JobOutcome<R>>;
}

/** Options of `start`. */
export interface StartOptions {
  /** The id (the caller's request id); a fresh UUID when absent. */
  readonly id?: string;
  /** Overrides the kind's `persist`. */
  readonly persist?: boolean;
  /** The job is cancelled when this aborts (work that only matters while its caller waits). */
  readonly cancelWith?: AbortSignal;
}
