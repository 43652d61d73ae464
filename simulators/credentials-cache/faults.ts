import { FaultInjector } from '../shared/faults';

/**
 * The shared faults (latency, 503 bursts, resets, HTML pages) plus upstream failure: the next
 * `count` calls the cache makes to Secret Server behave as if Secret Server were unreachable.
 */
export class CacheFaults extends FaultInjector {
  private upstreamFailures = 0;

  /** Makes the next `count` upstream calls fail (default: 1). */
  upstreamDown(count = 1): this {
    this.upstreamFailures += count;
    return this;
  }

  /** Consumes one armed upstream failure. */
  takeUpstreamFailure(): boolean {
    if (this.upstreamFailures <= 0) return false;
    this.upstreamFailures--;
    return true;
  }

  override clear(): this {
    this.upstreamFailures = 0;
    return super.clear();
  }
}
