import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { FleetInstance, RefreshOutcome, RefreshReport } from '../../../../contract/channels/fleet';
import { call } from '../../api/client';
import { useApiQuery } from '../../api/hooks';
import { useJob } from '../../api/use-job';

/** Instances with their last known state (no probing; see `useFleetCheck`). */
export function useFleet() {
  return useApiQuery('fleet:list', { check: false });
}

/** Probes every instance now and puts the answer in the list's cache. */
export function useFleetCheck() {
  const qc = useQueryClient();
  const [checking, setChecking] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const check = async () => {
    setChecking(true);
    setError(null);
    try {
      const list: readonly FleetInstance[] = await call('fleet:list', { check: true });
      qc.setQueryData(['fleet:list', { check: false }], list);
      void qc.invalidateQueries({ queryKey: ['overview:summary'] });
    } catch (err) {
      setError(err);
    } finally {
      setChecking(false);
    }
  };
  return { check, checking, error };
}

/** Refreshes a secret on one or all instances; outcomes stream in as each instance finishes. A refresh still running when the screen opens is picked up. */
export function useFleetRefresh() {
  const job = useJob('fleet:refresh', { reattach: () => true });
  const [error, setError] = useState<unknown>(null);
  const report: RefreshReport | null = job.result;
  const outcomes: readonly RefreshOutcome[] = report?.results ?? job.progress?.data?.outcomes ?? [];
  const run = async (secretId: number, profileIds?: string[]) => {
    setError(null);
    try {
      await job.run({ secretId, ...(profileIds ? { profileIds } : {}) });
    } catch (err) {
      setError(err);
    }
  };
  return { run, cancel: job.cancel, running: job.running, outcomes, report, error: error ?? job.error };
}
