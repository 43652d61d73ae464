import { useCallback, useEffect, useState } from 'react';
import { keepPreviousData, useQueryClient } from '@tanstack/react-query';
import type { CorrelationSource, RunDetail } from '../../../../contract/channels/activity';
import type { RefreshOutcome, RefreshReport } from '../../../../contract/channels/fleet';
import { call } from '../../api/client';
import { useApiQuery } from '../../api/hooks';
import { useJob } from '../../api/use-job';
import { requestFilter, type ActivityRoute } from './route';

/** How often the table re-reads its page while auto-refresh is on. */
export const AUTO_REFRESH_MS = 15_000;

/** One page of runs for the route; the previous page stays shown while the next loads (no jump). */
export function useRuns(route: ActivityRoute, autoRefresh: boolean) {
  return useApiQuery(
    'activity:runs',
    { ...requestFilter(route.filter), page: route.page, pageSize: route.pageSize, sort: { ...route.sort } },
    { placeholderData: keepPreviousData, refetchInterval: autoRefresh ? AUTO_REFRESH_MS : false },
  );
}

/** The Secret Server profiles (for the profile picker). */
export function useSecretServerProfiles() {
  const list = useApiQuery('connections:list', {});
  return (list.data ?? []).filter((p) => p.kind === 'secret-server').map((p) => ({ id: p.id, name: p.name }));
}

/** What identifies a run for the detail channels. */
export interface RunRef {
  readonly runId: string;
  readonly profileId?: string;
}

function refPayload(ref: RunRef) {
  return { runId: ref.runId, ...(ref.profileId ? { profileId: ref.profileId } : {}) };
}

/** The run detail (`activity:run`) and "Re-check" (`activity:recheck`, which replaces it). */
export function useRunDetail(ref: RunRef) {
  const qc = useQueryClient();
  const payload = refPayload(ref);
  const detail = useApiQuery('activity:run', payload);
  const [rechecking, setRechecking] = useState(false);
  const [recheckError, setRecheckError] = useState<unknown>(null);
  const recheck = async (): Promise<RunDetail | null> => {
    setRechecking(true);
    setRecheckError(null);
    try {
      const fresh = await call('activity:recheck', payload);
      qc.setQueryData(['activity:run', payload], fresh);
      void qc.invalidateQueries({ queryKey: ['activity:runs'] });
      return fresh;
    } catch (err) {
      setRecheckError(err);
      return null;
    } finally {
      setRechecking(false);
    }
  };
  return { detail, recheck, rechecking, recheckError };
}

/** The correlation job of the open run: started when the run or the window changes; sources stream in. */
export function useCorrelation(ref: RunRef, windowMinutes: number) {
  const job = useJob('activity:correlate');
  const { run, cancel } = job;
  const [generation, setGeneration] = useState(0);
  const { runId, profileId } = ref;
  useEffect(() => {
    // A new run, window or re-check replaces the job in flight (correlation is bound to the screen).
    void cancel();
    run({ runId, ...(profileId ? { profileId } : {}), windowMinutes }).catch(() => undefined);
  }, [runId, profileId, windowMinutes, generation, run, cancel]);
  const sources: readonly CorrelationSource[] = job.result?.sources ?? job.progress?.data?.sources ?? [];
  const again = useCallback(() => setGeneration((g) => g + 1), []);
  return { correlation: job.result, sources, running: job.running, error: job.error, again, cancel };
}

/** Refreshes the run's secret in the cache on one or all instances (`fleet:refresh`, a job). */
export function useSecretRefresh() {
  const job = useJob('fleet:refresh');
  const [error, setError] = useState<unknown>(null);
  const [target, setTarget] = useState<string | null>(null);
  const report: RefreshReport | null = job.result;
  const outcomes: readonly RefreshOutcome[] = report?.results ?? job.progress?.data?.outcomes ?? [];
  const run = async (secretId: number, profileIds?: string[], label = 'all instances') => {
    setError(null);
    setTarget(label);
    try {
      await job.run({ secretId, ...(profileIds ? { profileIds } : {}) });
    } catch (err) {
      setError(err);
    }
  };
  return { run, cancel: job.cancel, detach: job.detach, running: job.running, outcomes, report, target, error: error ?? job.error };
}
