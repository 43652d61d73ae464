import { useEffect, type RefObject } from 'react';
import { FOLLOW_RENEW_MS } from '../../../../contract/channels/logs';
import { call } from '../../api/client';

/**
 * Renews the window's follow while it is mounted: main stops follows nobody renews, so a window
 * that goes away without `logs:unfollow` stops costing polls. `onLost` runs when main no longer
 * knows the follow (it expired while the machine slept, or was evicted) so the caller can follow again.
 */
export function useFollowLease(followId: RefObject<string | null>, onLost: (followId: string) => void): void {
  useEffect(() => {
    const timer = setInterval(() => {
      const id = followId.current;
      if (!id) return;
      void call('logs:renew', { followId: id })
        .then((r) => {
          if (!r.renewed && followId.current === id) onLost(id);
        })
        .catch(() => undefined);
    }, FOLLOW_RENEW_MS);
    return () => clearInterval(timer);
  }, [followId, onLost]);
}
