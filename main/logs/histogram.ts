import type { LogEncoding, LogFormat } from '../../contract/channels/logs';
import { LOG_LEVELS } from '../../contract/channels/logs';
import type { HistogramBucket, LevelCounts, LogHistogram } from '../../contract/channels/logs-timeline';
import { decode } from './encoding';
import { parseHeader, parseStampRaw } from './formats';
import { normaliseLevel, toIso } from './levels';

/** Bytes of a line's start parsed for its header (a JSON line is parsed whole, up to 64 KB). */
const HEAD_BYTES = 512;
const JSON_HEAD_BYTES = 64 * 1024;
/** A Serilog header is the time and `[LVL]`; the message after it need not be decoded. */
const SERILOG_HEAD_BYTES = 96;
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
  private readonly levelIndex = new Map<string, number>();
  private lastKey = '';
  private lastMinute: number | null = null;

  constructor(
    readonly format: LogFormat,
    private readonly encoding: LogEncoding,
  ) {
    this.head = format === 'json' ? JSON_HEAD_BYTES : format === 'serilog' ? SERILOG_HEAD_BYTES : HEAD_BYTES;
  }

  /** Counts the line `buf[start, end)` when it is an entry header with a timestamp. */
  line(buf: Uint8Array, start: number, end: number): void {
    if (this.format === 'plain' || end <= start) return;
    // Text formats other than MEL start a header with the year: skip stack-trace lines unparsed.
    const first = buf[start]!;
    if (this.format !== 'json' && this.format !== 'mel' && this.encoding === 'utf8' && (first < 0x30 || first > 0x39)) return;
    const stop = Math.min(end, start + this.head);
    // A Serilog header is ASCII up to the level, so latin1 (the cheapest decode) reads it the same.
    const raw =
      this.encoding === 'utf8' && this.format === 'serilog' ? latin1(buf, start, stop) : decode(buf.subarray(start, stop), this.encoding);
    const text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (this.format === 'json') {
      const h = parseHeader(this.format, text);
      if (h?.ts) this.add(Math.floor(Date.parse(h.ts) / 60_000), h.level ? LOG_LEVELS.indexOf(h.level) : OTHER);
      return;
    }
    const h = parseStampRaw(this.format, text);
    if (!h?.ts) return;
    const minute = this.minuteOf(h.ts);
    if (minute === null) return;
    let k = this.levelIndex.get(h.level ?? '');
    if (k === undefined) {
      const level = normaliseLevel(h.level);
      k = level ? LOG_LEVELS.indexOf(level) : OTHER;
      this.levelIndex.set(h.level ?? '', k);
    }
    this.add(minute, k);
  }

  /** Minute of a raw timestamp; lines of the same minute (seconds dropped, zone kept) share one conversion. */
  private minuteOf(raw: string): number | null {
    // Same date, hour and minute and the same last six characters (which hold any zone): same minute.
    const key = raw.length > 16 ? raw.slice(0, 16) + raw.slice(-6) : raw;
    if (key === this.lastKey) return this.lastMinute;
    const iso = toIso(raw);
    const t = iso ? Date.parse(iso) : NaN;
    this.lastKey = key;
    this.lastMinute = Number.isNaN(t) ? null : Math.floor(t / 60_000);
    return this.lastMinute;
  }

  private add(minute: number, level: number): void {
    if (Number.isNaN(minute)) return;
    let c = this.minutes.get(minute);
    if (!c) {
      c = new Uint32Array(OTHER + 1);
      this.minutes.set(minute, c);
    }
    c[level < 0 ? OTHER : level]! += 1;
    this.entries += 1;
  }
}

function latin1(buf: Uint8Array, start: number, end: number): string {
  return (Buffer.isBuffer(buf) ? buf : Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength)).toString('latin1', start, end);
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
