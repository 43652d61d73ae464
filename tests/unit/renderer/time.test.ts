import { describe, expect, it } from 'vitest';
import { formatAge, formatLocal, formatUtc, isStale } from '../../../renderer/src/components/time';

const AT = '2026-12-02T13:07:31.250Z';

describe('the one time format', () => {
  it('local time with its zone; zones without a short name as UTC±h', () => {
    expect(formatLocal(AT, 'Europe/Berlin')).toBe('2026-12-02 14:07:31 CET');
    expect(formatLocal(AT, 'UTC')).toBe('2026-12-02 13:07:31 UTC');
    expect(formatLocal(AT, 'America/New_York')).toBe('2026-12-02 08:07:31 UTC-5');
    expect(formatLocal(AT, 'Asia/Kolkata')).toBe('2026-12-02 18:37:31 UTC+5:30');
    expect(formatLocal('not a time')).toBe('not a time');
  });

  it('UTC for the hover text', () => {
    expect(formatUtc(AT)).toBe('2026-12-02 13:07:31 UTC');
  });

  it('ages in words', () => {
    const now = Date.parse(AT);
    expect(formatAge(AT, now + 10_000)).toBe('just now');
    expect(formatAge(AT, now + 3 * 60_000)).toBe('3 min ago');
    expect(formatAge(AT, now + 5 * 3_600_000)).toBe('5 h ago');
    expect(formatAge(AT, now + 4 * 86_400_000)).toBe('4 days ago');
  });

  it('stale: older than 15 minutes, or measured before this start', () => {
    const now = Date.parse(AT);
    expect(isStale(AT, now + 14 * 60_000)).toBe(false);
    expect(isStale(AT, now + 16 * 60_000)).toBe(true);
    expect(isStale(AT, now + 60_000, new Date(now + 30_000).toISOString())).toBe(true);
    expect(isStale(AT, now + 60_000, new Date(now - 30_000).toISOString())).toBe(false);
  });
});
