import type { ViewEntry } from './window-entries';

/** A known line number: the line starting at `offset` in `path`. */
export interface LineAnchor {
  readonly path: string;
  readonly offset: number;
  readonly line: number;
}

/**
 * Fills in line numbers the pages left blank (the index was not ready when they were read):
 * from any numbered entry, or `anchor`, along entries of the same file that touch (one's `end`
 * is the next one's `offset`), forwards and backwards. A gap or another file stops the count.
 */
export function numberLines(entries: readonly ViewEntry[], anchor: LineAnchor | null): readonly ViewEntry[] {
  const lines: Array<number | undefined> = entries.map((e) =>
    e.marker ? undefined : (e.line ?? (anchor && e.path === anchor.path && e.offset === anchor.offset ? anchor.line : undefined)),
  );
  const touches = (a: ViewEntry, b: ViewEntry) => !a.marker && !b.marker && a.path === b.path && a.end === b.offset;
  for (let i = 1; i < entries.length; i += 1) {
    const prev = lines[i - 1];
    if (lines[i] === undefined && prev !== undefined && touches(entries[i - 1]!, entries[i]!)) lines[i] = prev + entries[i - 1]!.lines;
  }
  for (let i = entries.length - 2; i >= 0; i -= 1) {
    const next = lines[i + 1];
    if (lines[i] === undefined && next !== undefined && touches(entries[i]!, entries[i + 1]!)) lines[i] = next - entries[i]!.lines;
  }
  if (lines.every((l, i) => l === undefined || l === entries[i]!.line)) return entries;
  return entries.map((e, i) => (lines[i] === e.line || lines[i] === undefined ? e : { ...e, line: lines[i] }));
}
