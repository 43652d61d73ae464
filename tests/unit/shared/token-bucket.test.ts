import { describe, expect, it } from 'vitest';
import { TokenBucket } from '../../../main/shared/token-bucket';
import { rejection } from '../../support/contract-error';

/** A bucket on a fake clock whose sleeps are recorded and advance the clock. */
function fakeBucket(ratePerSecond: number, burst: number) {
  let clock = 0;
  const sleeps: number[] = [];
  const bucket = new TokenBucket({
    ratePerSecond,
    burst,
    now: () => clock,
    sleep: async (ms, signal) => {
      if (signal?.aborted) throw signal.reason;
      sleeps.push(ms);
    },
  });
  return { bucket, sleeps, advance: (ms: number) => (clock += ms) };
}

describe('token bucket', () => {
  it('lets a burst through at once, then paces callers in arrival order at the rate', async () => {
    const { bucket, sleeps } = fakeBucket(10, 3);
    await Promise.all([bucket.take(), bucket.take(), bucket.take()]);
    expect(sleeps).toEqual([]);
    // Three more at the same instant: each reserves the next token, 100 ms apart.
    await Promise.all([bucket.take(), bucket.take(), bucket.take()]);
    expect(sleeps).toEqual([100, 200, 300]);
  });

  it('refills with time, never above the burst', async () => {
    const { bucket, sleeps, advance } = fakeBucket(2, 2);
    await bucket.take();
    await bucket.take();
    advance(10_000);
    expect(bucket.available()).toBe(2);
    await bucket.take();
    await bucket.take();
    await bucket.take();
    expect(sleeps).toEqual([500]);
  });

  it('a cancelled wait is CANCELLED and gives its reserved token back', async () => {
    const ac = new AbortController();
    const bucket = new TokenBucket({
      ratePerSecond: 1,
      burst: 1,
      now: () => 0,
      // The wait is cut short by the abort, as the real sleep does.
      sleep: async () => {
        ac.abort();
        throw ac.signal.reason;
      },
    });
    await bucket.take();
    expect((await rejection(bucket.take(ac.signal))).code).toBe('CANCELLED');
    expect(bucket.available()).toBe(0);
    expect((await rejection(bucket.take(ac.signal))).code).toBe('CANCELLED');
  });

  it('refuses a rate or burst that could never pass a call', () => {
    expect(() => new TokenBucket({ ratePerSecond: 0, burst: 1 })).toThrow(RangeError);
    expect(() => new TokenBucket({ ratePerSecond: 1, burst: 0 })).toThrow(RangeError);
  });
});
