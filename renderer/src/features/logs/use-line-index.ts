import { useEffect, useState } from 'react';
import { call, newRequestId, onEvent } from '../../api/client';

/**
 * Builds the file's sparse line index in main in the background after each open (line
 * numbers, jump to line) and describes its progress in words. Cancelled when the file changes.
 */
export function useLineIndex(path: string | null, openCount: number): string {
  const [status, setStatus] = useState('');
  useEffect(() => {
    if (!path) return;
    const jobId = newRequestId('logs-index');
    let done = false;
    setStatus('indexing lines…');
    const off = onEvent('job:event', (e) => {
      const p = e.progress;
      if (e.jobId === jobId && p?.total) setStatus(`indexing lines ${Math.floor((100 * p.done) / p.total)}%`);
    });
    call('logs:index', { path }, { requestId: jobId })
      .then((r) => setStatus(`${r.lines.toLocaleString()} lines indexed`))
      .catch((err: unknown) => setStatus(err instanceof Error && /cancel/i.test(err.message) ? '' : 'line index unavailable'))
      .finally(() => {
        done = true;
        off();
      });
    return () => {
      off();
      if (!done) void call('jobs:cancel', { jobId }).catch(() => undefined);
    };
  }, [path, openCount]);
  return status;
}
