import { useEffect, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { FleetInstance, RefreshOutcome, RefreshReport } from '../../../../contract/channels/fleet';
import { call } from '../../api/client';
import { useApiQuery, useLongCall } from '../../api/hooks';

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

/** Refreshes a secret on one or all instances; outcomes stream in as each instance finishes. */
export function useFleetRefresh() {
  const long = useLongCall('fleet:refresh');
  const [outcomes, setOutcomes] = useState<RefreshOutcome[]>([]);
  const [report, setReport] = useState<RefreshReport | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    const outcome = (long.progress?.data as { outcome?: RefreshOutcome } | undefined)?.outcome;
    if (outcome) setOutcomes((o) => (o.some((x) => x.profileId === outcome.profileId) ? o : [...o, outcome]));
  }, [long.progress]);
  const run = async (secretId: number, profileIds?: string[]) => {
    setOutcomes([]);
    setReport(null);
    setError(null);
    try {
      const r = await long.run({ secretId, ...(profileIds ? { profileIds } : {}) });
      setReport(r);
      setOutcomes([...r.results]);
    } catch (err) {
      setError(err);
    }
  };
  return { run, cancel: long.cancel, running: long.running, outcomes, report, error };
}
