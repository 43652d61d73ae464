import type { LogEncoding, LogFormat } from '../../contract/channels/logs';
import { LOG_LEVELS } from '../../contract/channels/logs';
import type { HistogramBucket, LevelCounts, LogHistogram } from '../../contract/channels/logs-timeline';
import { decode } from './encoding';
import { parseHeader } from './formats';

/** Bytes of a line's start parsed for its header (a JSON line is parsed whole, up to 64 KB). */
const HEAD_BYTES = 512;
const JSON_HEAD_BYTES = 64 * 1024;
const OTHER = LOG_LEVELS.length;

/**
 * Entries per minute by level, filled by the sparse line index as it counts lines (one pass over
 * the file, no second read). Memory is one small array per minute that has entries.
 */
export class MinuteCounts {
  /** minute since the epoch (UTC) → counts by level index, `other` last. */
  readonly minutes = new Map<number, Uint32Array>();
  entries = 0;
  private readonly head: number;

  constructor(
    readonly format: LogFormat,
    private readonly encoding: LogEncoding,
  ) {
    this.head = format === 'json' ? JSON_HEAD_BYTES : HEAD_BYTES;
  }

  /** Counts the line `buf[start, end)` when it is an entry header with a timestamp. */
  line(buf: Uint8Array, start: number, end: number): void {
    if (this.format === 'plain' || end <= start) return;
    const text = decode(buf.subarray(start, Math.min(end, start + this.head)), this.encoding).replace(/\r$/, '');
    const h = parseHeader(this.format, text);
    if (!h?.ts) return;
    const t = Date.parse(h.ts);
    if (Number.isNaN(t)) return;
    const minute = Math.floor(t / 60_000);
    let c = this.minutes.get(minute);
    if (!c) {
      c = new Uint32Array(OTHER + 1);
      this.minutes.set(minute, c);
    }
    const k = h.level ? LOG_LEVELS.indexOf(h.level) : OTHER;
    c[k < 0 ? OTHER : k]! += 1;
    this.entries += 1;
  }
}

/** Sums the minute counts of several files into buckets of `bucketMinutes`, ascending, empty ones left out. */
export function toHistogram(all: readonly MinuteCounts[], bucketMinutes: number): LogHistogram {
  const sums = new Map<number, Uint32Array>();
  let entries = 0;
  for (const m of all) {
    entries += m.entries;
    for (const [minute, c] of m.minutes) {
      const b = Math.floor(minute / bucketMinutes) * bucketMinutes;
      let s = sums.get(b);
      if (!s) {
        s = new Uint32Array(OTHER + 1);
        sums.set(b, s);
      }
      for (let i = 0; i <= OTHER; i += 1) s[i]! += c[i]!;
    }
  }
  const buckets: HistogramBucket[] = [...sums.keys()]
    .sort((a, b) => a - b)
    .map((b) => {
      const s = sums.get(b)!;
      const counts: Record<string, number> = {};
      for (const [i, level] of [...LOG_LEVELS, 'other' as const].entries()) if (s[i]) counts[level] = s[i]!;
      return { start: new Date(b * 60_000).toISOString(), counts: counts as LevelCounts };
    });
  return { bucketMinutes, buckets, entries };
}
