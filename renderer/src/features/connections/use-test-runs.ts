import { useEffect, useRef, useState } from 'react';
import type { DiagnosticStage, DiagnosticsResult } from '../../../../contract/channels/connections';
import { call } from '../../api/client';
import { useTestConnection } from './use-connections';

/** This session's test of one profile: waiting its turn, running, finished, or stopped by an error. */
export type RowTest =
  | { readonly state: 'queued' }
  | { readonly state: 'running' }
  | { readonly state: 'done'; readonly result: DiagnosticsResult }
  | { readonly state: 'error'; readonly error: unknown };

/**
 * Test connection for single rows and "Test all": one test at a time (through `useTestConnection`),
 * the others queued, each row's state kept for the table. Cancel stops the running test and the queue.
 */
export function useTestRuns() {
  const test = useTestConnection('*');
  const [runs, setRuns] = useState<Readonly<Record<string, RowTest>>>({});
  const [current, setCurrent] = useState<string | null>(null);
  const [reattached, setReattached] = useState<string | null>(null);
  const stopped = useRef(false);

  // A test started before a reload (or in another window) was picked up: find its profile.
  useEffect(() => {
    if (!test.running || current || !test.jobId) return;
    let live = true;
    call('jobs:get', { jobId: test.jobId })
      .then((s) => {
        const id = (s.input as { id?: string } | undefined)?.id;
        if (!live || !id) return;
        setCurrent(id);
        setReattached(id);
        setRuns((r) => ({ ...r, [id]: { state: 'running' } }));
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [test.running, test.jobId, current]);

  // ... and record its end, which no `run` of this page awaits.
  useEffect(() => {
    if (!reattached || test.running) return;
    const id = reattached;
    setRuns((r) => ({
      ...r,
      [id]: test.result ? { state: 'done', result: test.result } : { state: 'error', error: test.error ?? new Error('The test stopped.') },
    }));
    setCurrent(null);
    setReattached(null);
  }, [reattached, test.running, test.result, test.error]);

  const set = (id: string, t: RowTest | null) =>
    setRuns((r) => {
      const next = { ...r };
      if (t) next[id] = t;
      else delete next[id];
      return next;
    });

  const runOne = async (id: string) => {
    setCurrent(id);
    set(id, { state: 'running' });
    const out = await test.run(id);
    set(id, out.result ? { state: 'done', result: out.result } : { state: 'error', error: out.error ?? new Error('The test stopped.') });
    setCurrent(null);
  };

  /** Tests the given profiles one after another. */
  const runAll = async (ids: readonly string[]) => {
    if (current || !ids.length) return;
    stopped.current = false;
    setRuns((r) => ({ ...r, ...Object.fromEntries(ids.map((id) => [id, { state: 'queued' } as const])) }));
    for (const [i, id] of ids.entries()) {
      if (stopped.current) {
        ids.slice(i).forEach((rest) => set(rest, null));
        break;
      }
      await runOne(id);
    }
  };

  const cancel = async () => {
    stopped.current = true;
    await test.cancel();
  };

  /** Stages to show for a row now: live while it runs, else this session's result. */
  const stagesOf = (id: string): readonly DiagnosticStage[] | undefined => {
    const r = runs[id];
    if (r?.state === 'running') return test.stages ?? undefined;
    if (r?.state === 'done') return r.result.stages;
    return undefined;
  };

  return { runs, current, running: Boolean(current), run: (id: string) => runAll([id]), runAll, cancel, stagesOf };
}
