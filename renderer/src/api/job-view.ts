import {
  fromErrorData,
  mergeProgressData,
  type ContractError,
  type JobChannel,
  type JobEvent,
  type JobProgressOf,
  type JobSnapshot,
  type JobState,
  type Res,
} from '../../../contract';

/** What a screen knows of one job: built from a snapshot and the events after it. */
export interface JobView<C extends JobChannel> {
  readonly jobId: string | null;
  readonly state: JobState | null;
  /** Sequence number of the newest event applied (events at or below it are already included). */
  readonly seq: number;
  readonly progress: JobProgressOf<C> | null;
  readonly result: Res<C> | null;
  readonly error: ContractError | null;
  readonly log: readonly string[];
}

/** Actions on a job view. */
export type JobAction =
  | { readonly type: 'reset'; readonly jobId: string | null }
  | { readonly type: 'snapshot'; readonly snapshot: JobSnapshot }
  | { readonly type: 'event'; readonly event: JobEvent }
  /** The call that started the job answered (its result or error is the job's end). */
  | { readonly type: 'answered'; readonly jobId: string; readonly result?: unknown; readonly error?: ContractError };

/** A view of no job. */
export function emptyJobView<C extends JobChannel>(jobId: string | null = null): JobView<C> {
  return { jobId, state: jobId ? 'running' : null, seq: 0, progress: null, result: null, error: null, log: [] };
}

/**
 * Applies a snapshot or an event. Events of other jobs, and events the view already holds
 * (sequence number at or below its own), change nothing: that is what lets a reloaded window
 * take a snapshot and then apply the events that follow it, in any arrival order.
 */
export function reduceJobView<C extends JobChannel>(kind: C, view: JobView<C>, action: JobAction): JobView<C> {
  switch (action.type) {
    case 'reset':
      return emptyJobView(action.jobId);
    case 'snapshot': {
      const s = action.snapshot;
      if (s.id !== view.jobId || s.seq < view.seq) return view;
      return {
        jobId: s.id,
        state: s.state,
        seq: s.seq,
        progress: (s.progress ?? null) as JobProgressOf<C> | null,
        result: (s.result ?? null) as Res<C> | null,
        error: s.error ? fromErrorData(s.error) : null,
        log: s.log,
      };
    }
    case 'answered': {
      if (action.jobId !== view.jobId || view.state !== 'running') return view;
      if (!action.error) return { ...view, state: 'succeeded', result: action.result as Res<C> };
      return { ...view, state: action.error.code === 'CANCELLED' ? 'cancelled' : 'failed', error: action.error };
    }
    case 'event': {
      const e = action.event;
      if (e.jobId !== view.jobId || e.seq <= view.seq) return view;
      const next = { ...view, seq: e.seq };
      if (e.type === 'progress' && e.progress) {
        const data = mergeProgressData(kind, view.progress?.data, e.progress.data);
        return { ...next, progress: { ...e.progress, ...(data !== undefined ? { data } : {}) } as JobProgressOf<C> };
      }
      if (e.type === 'log' && e.line !== undefined) return { ...next, log: [...view.log, e.line].slice(-50) };
      if (e.type === 'state' && e.state) {
        return {
          ...next,
          state: e.state,
          ...(e.result !== undefined ? { result: e.result as Res<C> } : {}),
          ...(e.error ? { error: fromErrorData(e.error) } : {}),
        };
      }
      return next;
    }
  }
}
