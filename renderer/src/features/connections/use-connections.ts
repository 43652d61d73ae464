import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { DiagnosticStage, DiagnosticsResult } from '../../../../contract/channels/connections';
import { useApiMutation, useApiQuery } from '../../api/hooks';
import { useJob } from '../../api/use-job';

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

/**
 * Test connection for one profile: stages arrive live as job progress. Given the profile id, a
 * test of that profile still running (started before a reload, or in another window) is
 * picked up when the screen opens.
 */
export function useTestConnection(profileId?: string) {
  const job = useJob('connections:test', profileId ? { reattach: (s) => (s.input as { id?: string }).id === profileId } : {});
  const qc = useQueryClient();
  const [error, setError] = useState<unknown>(null);
  const result: DiagnosticsResult | null = job.result;
  const stages: readonly DiagnosticStage[] | null = result?.stages ?? job.progress?.data?.stages ?? null;
  const run = async (id: string) => {
    setError(null);
    try {
      await job.run({ id });
    } catch (err) {
      setError(err);
    } finally {
      void qc.invalidateQueries({ queryKey: ['overview:summary'] });
    }
  };
  return { run, cancel: job.cancel, running: job.running, stages, result, error: error ?? job.error };
}
