import { useEffect, useState } from 'react';
import { useJob } from '../../api/use-job';

/** The line index of the opened file: its progress in words, and whether it is complete. */
export interface LineIndexState {
  readonly label: string;
  /** True once the index covers the file (pages read from now on carry line numbers). */
  readonly ready: boolean;
}

/**
 * Builds the file's sparse line index in main in the background after each open (line
 * numbers, jump to line) and describes its progress in words. Cancelled when the file changes.
 */
export function useLineIndex(path: string | null, openCount: number): LineIndexState {
  const job = useJob('logs:index');
  const { run, cancel } = job;
  const [failed, setFailed] = useState<string | null>(null);
  useEffect(() => {
    if (!path) return;
    let live = true;
    setFailed(null);
    run({ path }).catch((err: unknown) => {
      if (live) setFailed(err instanceof Error && /cancel/i.test(err.message) ? '' : 'line index unavailable');
    });
    return () => {
      live = false;
      void cancel();
    };
  }, [path, openCount, run, cancel]);
  if (!path) return { label: '', ready: false };
  if (failed !== null) return { label: failed, ready: false };
  if (job.result && job.result.path === path) return { label: `${job.result.lines.toLocaleString()} lines indexed`, ready: true };
  const p = job.progress;
  return {
    label: p?.total ? `indexing lines ${Math.floor((100 * p.done) / p.total)}%` : job.running ? 'indexing lines…' : '',
    ready: false,
  };
}
