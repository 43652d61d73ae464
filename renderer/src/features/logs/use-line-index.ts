import { useEffect, useState } from 'react';
import { useJob } from '../../api/use-job';

/**
 * Builds the file's sparse line index in main in the background after each open (line
 * numbers, jump to line) and describes its progress in words. Cancelled when the file changes.
 */
export function useLineIndex(path: string | null, openCount: number): string {
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
  if (!path) return '';
  if (failed !== null) return failed;
  if (job.result) return `${job.result.lines.toLocaleString()} lines indexed`;
  const p = job.progress;
  return p?.total ? `indexing lines ${Math.floor((100 * p.done) / p.total)}%` : job.running ? 'indexing lines…' : '';
}
