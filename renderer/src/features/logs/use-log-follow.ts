import { useCallback, useEffect, useRef, useState } from 'react';
import type { LogLinesEvent, LogPage } from '../../../../contract/channels/logs';
import { call, onEvent } from '../../api/client';
import { useFollowLease } from './use-follow-lease';
import { MAX_WINDOW } from './window-entries';

/**
 * The live end of a window: one `logs:follow` at a time, its lease, and the lines it sends,
 * handed to `apply` (or queued while paused).
 */
export function useLogFollow(apply: (ev: LogLinesEvent) => void) {
  const [pending, setPending] = useState(0);
  const paused = useRef(false);
  const queue = useRef<LogLinesEvent[]>([]);
  const followId = useRef<string | null>(null);
  // Where the follow has got to, so a follow main dropped (lease ran out) resumes without a gap.
  const followAt = useRef<{ path: string; offset: number; fileId: string } | null>(null);

  const stopFollow = useCallback(async () => {
    const id = followId.current;
    followId.current = null;
    if (id) await call('logs:unfollow', { followId: id }).catch(() => undefined);
  }, []);

  const startFollow = useCallback(async (page: LogPage) => {
    followAt.current = { path: page.path, offset: page.end, fileId: page.fileId };
    const r = await call('logs:follow', { path: page.path, offset: page.end, fileId: page.fileId });
    followId.current = r.followId;
  }, []);

  const refollow = useCallback((lost: string) => {
    const at = followAt.current;
    if (!at) return;
    void (async () => {
      const r = await call('logs:follow', at).catch(() => null);
      if (r && followId.current === lost) followId.current = r.followId;
      else if (r) await call('logs:unfollow', { followId: r.followId }).catch(() => undefined);
    })();
  }, []);
  useFollowLease(followId, refollow);

  useEffect(
    () =>
      onEvent('logs:lines', (ev) => {
        if (ev.followId !== followId.current) return;
        followAt.current = { path: ev.path, offset: ev.next, fileId: ev.fileId };
        if (paused.current) {
          queue.current.push(ev);
          // A long pause keeps only what the window could show anyway.
          let n = queue.current.reduce((sum, q) => sum + q.entries.length, 0);
          while (n > MAX_WINDOW && queue.current.length > 1) n -= queue.current.shift()!.entries.length;
          setPending(n);
        } else apply(ev);
      }),
    [apply],
  );
  useEffect(() => () => void stopFollow(), [stopFollow]);

  /** Forgets lines queued for the window that is being replaced. */
  const clearQueue = useCallback(() => {
    queue.current = [];
    setPending(0);
  }, []);

  /** Freezes the view; live lines queue up until unpaused. */
  const setPaused = useCallback(
    (p: boolean) => {
      paused.current = p;
      if (!p) {
        const q = queue.current;
        queue.current = [];
        setPending(0);
        for (const ev of q) apply(ev);
      }
    },
    [apply],
  );

  return { startFollow, stopFollow, clearQueue, setPaused, pending };
}
