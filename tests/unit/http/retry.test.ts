import { describe, expect, it } from 'vitest';
import { DEFAULT_RETRY, backoffDelay, isRetryableStatus, parseRetryAfter } from '../../../main/http';

describe('retry policy', () => {
  it('parses Retry-After seconds and dates', () => {
    expect(parseRetryAfter('2', 0)).toBe(2000);
    expect(parseRetryAfter(new Date(10_000).toUTCString(), 4_000)).toBe(6000);
    expect(parseRetryAfter('soon', 0)).toBeUndefined();
    expect(parseRetryAfter(undefined, 0)).toBeUndefined();
  });

  it('backs off exponentially with jitter, capped, and never below Retry-After', () => {
    const lo = () => 0;
    const hi = () => 1;
    expect(backoffDelay(1, DEFAULT_RETRY, lo)).toBe(125);
    expect(backoffDelay(1, DEFAULT_RETRY, hi)).toBe(250);
    expect(backoffDelay(3, DEFAULT_RETRY, hi)).toBe(1000);
    expect(backoffDelay(20, DEFAULT_RETRY, hi)).toBe(DEFAULT_RETRY.maxDelayMs);
    expect(backoffDelay(1, DEFAULT_RETRY, hi, 5000)).toBe(5000);
  });

  it('retries only throttling and gateway statuses', () => {
    expect([429, 502, 503, 504].every(isRetryableStatus)).toBe(true);
    expect([400, 401, 403, 404, 409, 500].some(isRetryableStatus)).toBe(false);
  });
});
