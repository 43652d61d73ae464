import { useEffect, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { DiagnosticStage, DiagnosticsResult, TestProgressData } from '../../../../contract/channels/connections';
import { useApiMutation, useApiQuery, useLongCall } from '../../api/hooks';

/** Every profile (credentials never included, only `hasPassword`-style flags). */
export function useConnections() {
  return useApiQuery('connections:list', {});
}

/** Create / update / delete, each refreshing the list and the Overview. */
export function useProfileMutations() {
  return {
    create: useApiMutation('connections:create', ['connections:list', 'overview:summary', 'fleet:list']),
    update: useApiMutation('connections:update', ['connections:list', 'overview:summary', 'fleet:list']),
    remove: useApiMutation('connections:delete', ['connections:list', 'overview:summary', 'fleet:list']),
  };
}

/** Test connection for one profile at a time: stages arrive live through `job:progress`; `run` resolves with the result or the error. */
export function useTestConnection() {
  const long = useLongCall('connections:test');
  const qc = useQueryClient();
  const [stages, setStages] = useState<readonly DiagnosticStage[] | null>(null);
  const [result, setResult] = useState<DiagnosticsResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const data = long.progress?.data as TestProgressData | undefined;
    if (data?.stages) setStages(data.stages);
  }, [long.progress]);
  const run = async (id: string): Promise<{ result?: DiagnosticsResult; error?: string }> => {
    setStages(null);
    setResult(null);
    setError(null);
    try {
      const r = await long.run({ id });
      setResult(r);
      setStages(r.stages);
      return { result: r };
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      setError(message);
      return { error: message };
    } finally {
      void qc.invalidateQueries({ queryKey: ['overview:summary'] });
    }
  };
  return { run, cancel: long.cancel, running: long.running, stages, result, error };
}

/** Starts the demo environment (the "Try the demo environment" button). */
export function useStartDemo() {
  const long = useLongCall('demo:start');
  const qc = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const start = async () => {
    setError(null);
    try {
      await long.run({});
      await qc.invalidateQueries();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  };
  return { start, running: long.running, error };
}
