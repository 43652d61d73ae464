import { cancelled } from './errors';
import { realSleep, type SleepFn } from './sleep';

/** Something that paces calls: `take` resolves when the next call may go. */
export interface RateLimiter {
  take(signal?: AbortSignal): Promise<void>;
}

/** Rate and burst of a token bucket. */
export interface TokenBucketOptions {
  /** Tokens added per second (the sustained call rate). */
  readonly ratePerSecond: number;
  /** Most tokens held at once (calls that may go back to back after a quiet spell). */
  readonly burst: number;
  readonly now?: () => number;
  readonly sleep?: SleepFn;
}

/**
 * A token bucket shared by every caller of one backend. Waiting callers are served in arrival
 * order: a call that finds no token reserves the next one (the count goes below zero) and sleeps
 * until it is due, so in any one second at most `burst + ratePerSecond` calls start.
 */
export class TokenBucket implements RateLimiter {
  private tokens: number;
  private last: number;
  private readonly now: () => number;
  private readonly sleep: SleepFn;

  constructor(readonly opts: TokenBucketOptions) {
    if (!(opts.ratePerSecond > 0) || !(opts.burst >= 1)) throw new RangeError('A token bucket needs ratePerSecond > 0 and burst >= 1');
    this.now = opts.now ?? (() => performance.now());
    this.sleep = opts.sleep ?? realSleep;
    this.tokens = opts.burst;
    this.last = this.now();
  }

  /** Takes one token, waiting for it when none is left; CANCELLED when `signal` aborts first. */
  async take(signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) throw cancelled();
    this.refill();
    this.tokens -= 1;
    if (this.tokens >= 0) return;
    const waitMs = Math.ceil((-this.tokens / this.opts.ratePerSecond) * 1000);
    try {
      await this.sleep(waitMs, signal);
    } catch (err) {
      // The reserved token was not used: hand it back to the callers behind.
      this.tokens += 1;
      throw cancelled('Cancelled', { cause: err });
    }
  }

  /** Tokens available now (negative while callers wait). */
  available(): number {
    this.refill();
    return this.tokens;
  }

  private refill(): void {
    const t = this.now();
    this.tokens = Math.min(this.opts.burst, this.tokens + ((t - this.last) / 1000) * this.opts.ratePerSecond);
    this.last = t;
  }
}
