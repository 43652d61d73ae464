import { useEffect, useRef, useState } from 'react';
import type { LogLevel, LogSearchHit, LogSearchResult } from '../../../../contract/channels/logs';
import { call, newRequestId, onEvent } from '../../api/client';

/** Hits the panel keeps (the count stays exact beyond it). */
const MAX_HITS = 5000;

/**
 * A whole-file search in main: hits stream in through `job:progress` events (every batch is
 * kept, unlike a single progress state), and `cancel()` stops the scan.
 */
export function useLogSearch() {
  const [hits, setHits] = useState<LogSearchHit[]>([]);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [result, setResult] = useState<LogSearchResult | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [running, setRunning] = useState(false);
  const current = useRef<string | null>(null);

  useEffect(
    () =>
      onEvent('job:progress', (p) => {
        if (p.requestId !== current.current) return;
        const batch = (p.data as { hits?: LogSearchHit[] } | undefined)?.hits ?? [];
        if (batch.length) setHits((h) => (h.length >= MAX_HITS ? h : [...h, ...batch].slice(0, MAX_HITS)));
        setProgress({ done: p.done, total: p.total ?? p.done });
      }),
    [],
  );

  const run = async (q: { paths: string[]; pattern: string; regex: boolean; caseSensitive: boolean; levels?: LogLevel[] }) => {
    if (current.current) await cancel();
    const requestId = newRequestId('logs-search');
    current.current = requestId;
    setHits([]);
    setResult(null);
    setError(null);
    setProgress(null);
    setRunning(true);
    try {
      setResult(await call('logs:search', { ...q, maxHits: MAX_HITS }, { requestId }));
    } catch (err) {
      setError(err);
    } finally {
      if (current.current === requestId) {
        current.current = null;
        setRunning(false);
      }
    }
  };
  const cancel = async () => {
    const id = current.current;
    if (id) await call('jobs:cancel', { requestId: id }).catch(() => undefined);
  };
  return { run, cancel, hits, progress, result, error, running };
}
