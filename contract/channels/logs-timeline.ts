import { z } from 'zod';
import { channel, progress, result } from '../define';
import type { LogEntry, LogLevel } from './logs';

/** A log source of a merged timeline: a Credentials Cache instance's LogPath, the engine log, a file. */
export interface TimelineSourceSpec {
  /** Tag of the source's entries (instance name, `engine`); unique within a request. */
  readonly id: string;
  /** A file, a log folder, an install folder or an `appsettings.json` (resolved to its newest file). */
  readonly input: string;
}

/** Where a timeline page stands in each source: the file read and a line-start offset in it. */
export interface TimelineCursor {
  readonly perSource: Readonly<Record<string, { readonly path: string; readonly offset: number }>>;
}

/** One entry of a merged timeline, tagged with its source. */
export interface TimelineEntry extends LogEntry {
  /** The source's `id`. */
  readonly source: string;
  readonly path: string;
}

/** How one source of a timeline fared; an unreadable source is reported here, the rest still merge. */
export interface TimelineSourceStatus {
  readonly id: string;
  readonly input: string;
  readonly path: string | null;
  readonly status: 'ok' | 'missing' | 'unreadable' | 'no-files';
  readonly message?: string;
}

/**
 * A page of a merged timeline, oldest first. `before` pages backward (older), `after` forward
 * (newer); per source, everything between the two offsets is on this page.
 */
export interface TimelinePage {
  readonly entries: readonly TimelineEntry[];
  readonly before: TimelineCursor;
  readonly after: TimelineCursor;
  /** No source has anything older than `before`. */
  readonly bof: boolean;
  /** No source has anything newer than `after` (yet). */
  readonly eof: boolean;
  readonly sources: readonly TimelineSourceStatus[];
}

/** Entries of one histogram bucket by level (`other`: stamped entries without a known level). */
export type LevelCounts = Partial<Record<LogLevel | 'other', number>>;

/** One bar of a time histogram: entries stamped in `[start, start + bucket)`. */
export interface HistogramBucket {
  readonly start: string;
  readonly counts: LevelCounts;
}

/** A time histogram of one file or of several merged. */
export interface LogHistogram {
  readonly bucketMinutes: number;
  /** Ascending; empty buckets between the first and the last are left out. */
  readonly buckets: readonly HistogramBucket[];
  /** Entries counted (every stamped entry of the indexed part of the files). */
  readonly entries: number;
}

const pathField = z.string().min(1).max(4096);
const offsetField = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const sourcesField = z
  .array(z.object({ id: z.string().min(1).max(200), input: pathField }).strict())
  .min(1)
  .max(50)
  .refine((s) => new Set(s.map((x) => x.id)).size === s.length, { message: 'Source ids must be unique', path: ['sources'] });
const cursorField = z
  .object({ perSource: z.record(z.string().min(1).max(200), z.object({ path: pathField, offset: offsetField }).strict()) })
  .strict();

/** Channels of the merged timeline and the time histogram. */
export const logsTimelineChannels = {
  /** The newest `maxEntries` entries across sources (each file read backwards from its end). */
  'logs:timelineTail': channel(
    z.object({ sources: sourcesField, maxEntries: z.number().int().min(1).max(5000).default(1000) }).strict(),
    result<TimelinePage>(),
  ),
  /** A page older (`backward`, from a page's `before`) or newer (`forward`, from its `after`). */
  'logs:timelineRead': channel(
    z
      .object({
        sources: sourcesField,
        cursor: cursorField,
        direction: z.enum(['forward', 'backward']),
        maxEntries: z.number().int().min(1).max(5000).default(500),
      })
      .strict(),
    result<TimelinePage>(),
  ),
  /** The cursor of the first entry at or after `time` in every source (then `logs:timelineRead`). */
  'logs:timelineLocate': channel(
    z.object({ sources: sourcesField, time: z.string().min(1).max(64) }).strict(),
    result<{ readonly cursor: TimelineCursor; readonly sources: readonly TimelineSourceStatus[] }>(),
  ),
  /** Entries per bucket by level, from the files' line indexes (built or extended first). */
  'logs:histogram': channel(
    z
      .object({
        paths: z.array(pathField).min(1).max(50),
        bucketMinutes: z
          .number()
          .int()
          .min(1)
          .max(7 * 24 * 60)
          .default(1),
      })
      .strict(),
    result<LogHistogram>(),
    { progress: progress<null>() },
  ),
} as const;
