import { useState } from 'react';
import { MAX_SEARCH_HITS_KEPT } from '../../../../contract';
import type { LogLevel, LogSearchHit } from '../../../../contract/channels/logs';
import { useJob } from '../../api/use-job';

/** The search request the panel sends. */
export interface LogSearchInput {
  readonly paths: string[];
  readonly pattern: string;
  readonly regex: boolean;
  readonly caseSensitive: boolean;
  readonly levels?: LogLevel[];
}

/**
 * A whole-file search in main, run as a job: hits stream in as progress (the job keeps all of
 * them, so a reloaded screen picks up a search still running over the same files), and
 * `cancel()` stops the scan.
 */
export function useLogSearch(paths: readonly string[] = []) {
  const key = paths.join('\n');
  const job = useJob('logs:search', { reattach: (s) => ((s.input as { paths?: string[] }).paths ?? []).join('\n') === key });
  const [error, setError] = useState<unknown>(null);
  const hits: readonly LogSearchHit[] = job.progress?.data?.hits ?? [];
  const progress = job.progress ? { done: job.progress.done, total: job.progress.total ?? job.progress.done } : null;
  const run = async (q: LogSearchInput) => {
    if (job.running) await job.cancel();
    setError(null);
    try {
      await job.run({ ...q, maxHits: MAX_SEARCH_HITS_KEPT });
    } catch (err) {
      setError(err);
    }
  };
  return {
    run,
    cancel: job.cancel,
    hits,
    progress,
    result: job.result,
    error: error ?? job.error,
    running: job.running,
  };
}
