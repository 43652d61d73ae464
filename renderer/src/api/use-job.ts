import { useCallback, useEffect, useReducer, useRef } from 'react';
import type { ContractError, JobChannel, JobEvent, JobSnapshot, ReqIn, Res } from '../../../contract';
import { call, newRequestId, onEvent } from './client';
import { emptyJobView, reduceJobView, type JobAction, type JobView } from './job-view';

/** While a job runs, its snapshot is fetched this often too, in case an event stream dropped. */
const RESYNC_MS = 5000;

/** Options of `useJob`. */
export interface UseJobOptions {
  /** On mount, attach to a running job of this kind that matches (e.g. the same profile). */
  readonly reattach?: (snapshot: JobSnapshot) => boolean;
}

/**
 * One job of a job channel, for a screen: `run` starts it (and resolves with its result),
 * `attach` follows one started elsewhere (or before a reload), `cancel` stops it. The view is a
 * snapshot plus the events after it, ordered by their sequence numbers.
 */
export function useJob<C extends JobChannel>(channel: C, options: UseJobOptions = {}) {
  const [view, dispatch] = useReducer(
    (v: JobView<C>, a: JobAction) => reduceJobView(channel, v, a),
    undefined,
    () => emptyJobView<C>(),
  );
  const current = useRef<string | null>(null);
  const buffered = useRef<JobEvent[] | null>(null);

  useEffect(
    () =>
      onEvent('job:event', (event) => {
        if (event.jobId !== current.current) return;
        if (buffered.current) buffered.current.push(event);
        else dispatch({ type: 'event', event });
      }),
    [],
  );

  const attach = useCallback(async (jobId: string) => {
    current.current = jobId;
    buffered.current = [];
    dispatch({ type: 'reset', jobId });
    try {
      const snapshot = await call('jobs:get', { jobId });
      if (current.current !== jobId) return;
      dispatch({ type: 'snapshot', snapshot });
    } finally {
      const later = buffered.current ?? [];
      buffered.current = null;
      for (const event of later) dispatch({ type: 'event', event });
    }
  }, []);

  const reattach = useRef(options.reattach);
  useEffect(() => {
    const match = reattach.current;
    if (!match) return;
    let live = true;
    call('jobs:list', { kind: channel, states: ['running'] })
      .then((jobs) => {
        const found = jobs.find(match);
        if (live && found && !current.current) void attach(found.id);
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [channel, attach]);

  const running = view.state === 'running';
  useEffect(() => {
    if (!running || !view.jobId) return;
    const jobId = view.jobId;
    const t = setInterval(() => {
      call('jobs:get', { jobId })
        .then((snapshot) => dispatch({ type: 'snapshot', snapshot }))
        .catch(() => undefined);
    }, RESYNC_MS);
    return () => clearInterval(t);
  }, [running, view.jobId]);

  const run = useCallback(
    async (payload: ReqIn<C>): Promise<Res<C>> => {
      const jobId = newRequestId(channel.replace(':', '-'));
      current.current = jobId;
      buffered.current = null;
      dispatch({ type: 'reset', jobId });
      try {
        const result = await call(channel, payload, { requestId: jobId });
        dispatch({ type: 'answered', jobId, result });
        return result;
      } catch (err) {
        dispatch({ type: 'answered', jobId, error: err as ContractError });
        throw err;
      }
    },
    [channel],
  );

  const cancel = useCallback(async () => {
    const jobId = current.current;
    if (jobId) await call('jobs:cancel', { jobId }).catch(() => undefined);
  }, []);

  /** Forgets the job (the screen moved on); the job itself goes on. */
  const detach = useCallback(() => {
    current.current = null;
    dispatch({ type: 'reset', jobId: null });
  }, []);

  return {
    run,
    attach,
    cancel,
    detach,
    jobId: view.jobId,
    running,
    state: view.state,
    progress: view.progress,
    result: view.result,
    error: view.error as ContractError | null,
    log: view.log,
  };
}
