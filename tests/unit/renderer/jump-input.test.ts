import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseJumpInput } from '../../../renderer/src/features/logs/jump-input';

// A zone with an offset, so "local" and UTC differ and a mix-up shows.
const TZ = process.env.TZ;
beforeAll(() => {
  process.env.TZ = 'America/New_York';
});
afterAll(() => {
  process.env.TZ = TZ;
});

// 2026-12-02 15:47:30 in New York (UTC-5).
const now = () => new Date('2026-12-02T20:47:30.000Z');
const time = (raw: string) => parseJumpInput(raw, now());

describe('parseJumpInput', () => {
  it('reads a line number', () => {
    expect(time('12345')).toEqual({ line: 12345 });
    expect(time(' 7 ')).toEqual({ line: 7 });
    expect(time('0')).toEqual({ error: 'Line numbers start at 1' });
  });

  it('reads ISO times: with a zone as given, without one in the local zone', () => {
    expect(time('2025-01-31T14:02:11Z')).toEqual({ time: '2025-01-31T14:02:11.000Z' });
    expect(time('2025-01-31 14:02:11+01:00')).toEqual({ time: '2025-01-31T13:02:11.000Z' });
    expect(time('2025-01-31 14:02')).toEqual({ time: '2025-01-31T19:02:00.000Z' });
    expect(time('2025-01-31T14:02:11.250')).toEqual({ time: '2025-01-31T19:02:11.250Z' });
    expect(time('2025-07-01 09:00')).toEqual({ time: '2025-07-01T13:00:00.000Z' }); // summer time, UTC-4
    expect(time('2025-01-31')).toEqual({ time: '2025-01-31T05:00:00.000Z' });
  });

  it('reads a clock time as today, local', () => {
    expect(time('10:42')).toEqual({ time: '2026-12-02T15:42:00.000Z' });
    expect(time('9:05:30')).toEqual({ time: '2026-12-02T14:05:30.000Z' });
  });

  it('reads times relative to now', () => {
    expect(time('-15m')).toEqual({ time: '2026-12-02T20:32:30.000Z' });
    expect(time('-2h')).toEqual({ time: '2026-12-02T18:47:30.000Z' });
    expect(time('-1d')).toEqual({ time: '2026-12-01T20:47:30.000Z' });
    expect(time('-30 min ago')).toEqual({ time: '2026-12-02T20:17:30.000Z' });
    expect(time('now')).toEqual({ time: '2026-12-02T20:47:30.000Z' });
  });

  it('reads yesterday and today, with or without a time', () => {
    expect(time('yesterday 14:00')).toEqual({ time: '2026-12-01T19:00:00.000Z' });
    expect(time('Yesterday at 9:15')).toEqual({ time: '2026-12-01T14:15:00.000Z' });
    expect(time('yesterday')).toEqual({ time: '2026-12-01T05:00:00.000Z' });
    expect(time('today 08:00')).toEqual({ time: '2026-12-02T13:00:00.000Z' });
  });

  it('says what is wrong instead of guessing', () => {
    for (const bad of ['soon', '25:00', '10:61', '2025-02-30 10:00', 'yesterday noon', '-15x', '2025-13-01']) {
      const r = time(bad);
      expect('error' in r && r.error).toMatch(/is not a line or time: use a line number/);
    }
    expect(time('')).toEqual({ error: expect.stringMatching(/^Type a line number/) });
  });
});
