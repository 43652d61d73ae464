import { describe, expect, it } from 'vitest';
import { numberLines } from '../../../renderer/src/features/logs/line-numbers';
import type { ViewEntry } from '../../../renderer/src/features/logs/window-entries';

// Entries of 1, 3 (a stack trace) and 1 lines, 10 bytes a line, touching; then a gap; then another file.
const e = (offset: number, lines: number, extra: Partial<ViewEntry> = {}): ViewEntry => ({
  key: `k${offset}`,
  path: '/a.log',
  seq: 0,
  offset,
  end: offset + 10 * lines,
  lines,
  text: 'x',
  truncated: false,
  ...extra,
});

describe('numberLines', () => {
  const entries = [e(100, 1), e(110, 3), e(140, 1), e(500, 1), e(0, 1, { path: '/b.log' })];

  it('numbers touching entries of the anchor file, forwards and backwards, counting multi-line entries', () => {
    const out = numberLines(entries, { path: '/a.log', offset: 110, line: 12 });
    expect(out.map((x) => x.line)).toEqual([11, 12, 15, undefined, undefined]);
  });

  it('starts from a line main already gave; leaves everything as is with nothing to start from', () => {
    expect(numberLines([e(100, 1, { line: 5 }), e(110, 2), e(130, 1)], null).map((x) => x.line)).toEqual([5, 6, 8]);
    expect(numberLines(entries, null)).toBe(entries);
  });

  it('does not count across a divider row', () => {
    const withMarker = [e(100, 1, { line: 1 }), { ...e(110, 0), marker: 'file rolled over' }, e(110, 1)];
    expect(numberLines(withMarker, null).map((x) => x.line)).toEqual([1, undefined, undefined]);
  });
});
