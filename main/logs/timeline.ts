import type { LogEntry, LogPage } from '../../contract/channels/logs';
import type {
  TimelineCursor,
  TimelineEntry,
  TimelinePage,
  TimelineSourceSpec,
  TimelineSourceStatus,
} from '../../contract/channels/logs-timeline';
import { ContractError } from '../../contract/errors';
import { errorMessage } from '../shared/errors';
import { checkAborted } from './line-reader';
import { parseJumpTime } from './locate';
import type { LogService } from './service';
import { resolveLogSource } from './source';

/** Most page reads per source for one timeline page (multi-line entries need more than one). */
const MAX_ROUNDS = 8;

/** A source resolved to the file it is read from (or why it cannot be). */
interface Resolved {
  readonly status: TimelineSourceStatus;
  readonly offset: number;
  /** The rolling set of the file, oldest first: paging goes on into the file before or after it. */
  readonly files: readonly string[];
}

/** Reads a page of one file; the timeline asks the LogService (format cache, line index). */
type ReadPage = (path: string, offset: number, direction: 'forward' | 'backward', max: number) => Promise<LogPage>;

/**
 * Resolves each source to a file and its rolling set: the cursor's file when the cursor names the
 * source, else the newest file of the input (`resolveLogSource`). A source that cannot be
 * resolved is reported, never thrown, so the other sources still merge.
 */
async function resolveSources(
  specs: readonly TimelineSourceSpec[],
  cursor: TimelineCursor | undefined,
  signal?: AbortSignal,
): Promise<Resolved[]> {
  return Promise.all(
    specs.map(async (spec): Promise<Resolved> => {
      const at = cursor?.perSource[spec.id];
      const src = await resolveLogSource(spec.input, signal).catch((err: unknown) => err as Error);
      if (at) {
        // The cursor's file may have rolled away from the input's listing: it is then read alone.
        const set = src instanceof Error ? undefined : src.sets.find((x) => x.files.some((f) => f.path === at.path));
        const files = set ? set.files.map((f) => f.path) : [at.path];
        return { status: { id: spec.id, input: spec.input, path: at.path, status: 'ok' }, offset: at.offset, files };
      }
      try {
        if (src instanceof Error) throw src;
        if (!src.current) {
          const why = src.warnings[0]?.message ?? `No log file found in ${spec.input}.`;
          const missing = src.warnings.some((w) => w.code === 'LOG_PATH_MISSING');
          return {
            status: { id: spec.id, input: spec.input, path: null, status: missing ? 'missing' : 'no-files', message: why },
            offset: 0,
            files: [],
          };
        }
        const current = src.current;
        const set = src.sets.find((x) => x.files.some((f) => f.path === current));
        const files = set ? set.files.map((f) => f.path) : [current];
        return { status: { id: spec.id, input: spec.input, path: current, status: 'ok' }, offset: Number.MAX_SAFE_INTEGER, files };
      } catch (err) {
        return { status: failed(spec, null, err), offset: 0, files: [] };
      }
    }),
  );
}

function failed(spec: { id: string; input: string }, path: string | null, err: unknown): TimelineSourceStatus {
  const details = err instanceof ContractError ? err.details : undefined;
  const missing = /does not exist/.test(errorMessage(err)) || (details as { code?: string } | undefined)?.code === 'ENOENT';
  return { id: spec.id, input: spec.input, path, status: missing ? 'missing' : 'unreadable', message: errorMessage(err) };
}

/** Sort keys of a page's entries: an entry without a timestamp stays with the entry before it in its file. */
export function entryKeys(entries: readonly LogEntry[]): number[] {
  const keys = entries.map((e) => (e.ts ? Date.parse(e.ts) : NaN));
  let last = NaN;
  for (let i = 0; i < keys.length; i += 1) {
    if (Number.isNaN(keys[i]!)) keys[i] = last;
    else last = keys[i]!;
  }
  // Leading entries without a stamp (a page that starts inside the file) go with the first stamped one.
  const first = keys.findIndex((k) => !Number.isNaN(k));
  for (let i = 0; i < (first < 0 ? keys.length : first); i += 1) keys[i] = first < 0 ? -Infinity : keys[first]!;
  return keys;
}

interface Lane {
  readonly status: TimelineSourceStatus;
  readonly files: readonly string[];
  /** The file being read (moves to the next file of the set when one is used up). */
  path: string;
  /** The current file is used up and the set has another file in the paging direction. */
  fileDone: boolean;
  /** Offset bounding what is still to read (backward: end; forward: start). */
  edge: number;
  /** Where the first page of this request started (the page's other cursor). */
  origin: number;
  entries: LogEntry[];
  keys: number[];
  /** Next entry to take: backward from the end of `entries`, forward from the start. */
  next: number;
  done: boolean;
}

/**
 * One timeline page: a k-way merge of per-file pages by timestamp. Per source the merge takes a
 * contiguous run next to the cursor (a suffix going backward, a prefix going forward), so the
 * offsets in `before`/`after` split every file exactly: paging either way loses and repeats nothing.
 * The merge stops when a source runs out of read entries before its file does (its next
 * entry could sort anywhere), and reads again.
 */
export async function timelinePage(
  read: ReadPage,
  specs: readonly TimelineSourceSpec[],
  cursor: TimelineCursor | undefined,
  direction: 'forward' | 'backward',
  max: number,
  signal?: AbortSignal,
): Promise<TimelinePage> {
  const resolved = await resolveSources(specs, cursor, signal);
  const statuses: TimelineSourceStatus[] = resolved.map((r) => r.status);
  const back = direction === 'backward';
  const lanes: Lane[] = [];
  const out: TimelineEntry[] = [];
  const refill = async (lane: Lane, i: number) => {
    try {
      if (lane.fileDone) {
        // Above the start of a file comes the end of the one rolled before it (and the reverse).
        lane.path = lane.files[lane.files.indexOf(lane.path) + (back ? -1 : 1)]!;
        lane.edge = back ? Number.MAX_SAFE_INTEGER : 0;
        lane.fileDone = false;
      }
      const page = await read(lane.path, lane.edge, direction, Math.max(50, max - out.length));
      lane.entries = [...page.entries];
      lane.keys = entryKeys(page.entries);
      lane.next = back ? lane.entries.length - 1 : 0;
      const moved = back ? page.start < lane.edge : page.end > lane.edge;
      if (!lane.entries.length) lane.edge = back ? Math.min(lane.edge, page.end) : page.start;
      const fileEnd = back ? page.bof || !moved : page.eof || !moved;
      const k = lane.files.indexOf(lane.path);
      const more = back ? k > 0 : k >= 0 && k < lane.files.length - 1;
      lane.fileDone = fileEnd && more;
      lane.done = fileEnd && !more;
    } catch (err) {
      statuses[i] = failed(lane.status, lane.path, err);
      lane.entries = [];
      lane.done = true;
    }
  };
  for (const [i, r] of resolved.entries()) {
    if (r.status.status !== 'ok') continue;
    const lane: Lane = {
      status: r.status,
      files: r.files,
      path: r.status.path!,
      fileDone: false,
      edge: r.offset,
      origin: r.offset,
      entries: [],
      keys: [],
      next: 0,
      done: false,
    };
    await refill(lane, i);
    // The first read fixes where the page's other cursor stands (a tail's end is the file's end).
    lane.origin = back ? (lane.entries.at(-1)?.end ?? lane.edge) : (lane.entries[0]?.offset ?? lane.edge);
    lane.edge = lane.origin;
    lanes.push(lane);
  }
  const laneIndex = (l: Lane) => resolved.findIndex((r) => r.status.id === l.status.id);
  for (let round = 0; out.length < max && round < MAX_ROUNDS; round += 1) {
    checkAborted(signal);
    for (;;) {
      if (out.length >= max) break;
      const open = lanes.filter((l) => (back ? l.next >= 0 : l.next < l.entries.length));
      const starved = lanes.some((l) => !l.done && (back ? l.next < 0 : l.next >= l.entries.length));
      if (starved || !open.length) break;
      let best = open[0]!;
      for (const l of open.slice(1)) {
        const a = l.keys[l.next]!;
        const b = best.keys[best.next]!;
        if (back ? a > b || (a === b && laneIndex(l) > laneIndex(best)) : a < b) best = l;
      }
      const e = best.entries[best.next]!;
      out.push({ ...e, source: best.status.id, path: best.path });
      best.edge = back ? e.offset : e.end;
      best.next += back ? -1 : 1;
    }
    const empty = lanes.filter((l) => !l.done && (back ? l.next < 0 : l.next >= l.entries.length));
    if (out.length >= max || !empty.length) break;
    for (const l of empty) await refill(l, laneIndex(l));
  }
  if (back) out.reverse();
  // The far edge may have moved into another file of the set; the page's other edge is where it began.
  const edges = (which: 'edge' | 'origin'): TimelineCursor => ({
    perSource: Object.fromEntries(lanes.map((l) => [l.status.id, { path: which === 'edge' ? l.path : l.status.path!, offset: l[which] }])),
  });
  const untaken = (l: Lane) => (back ? l.next >= 0 : l.next < l.entries.length);
  const exhausted = lanes.every((l) => l.done && !untaken(l));
  return {
    entries: out,
    before: back ? edges('edge') : edges('origin'),
    after: back ? edges('origin') : edges('edge'),
    bof: back ? exhausted : false,
    eof: back ? false : exhausted,
    sources: statuses,
  };
}

/** The newest `max` entries across sources, each file read backwards from its end. */
export function timelineTail(logs: LogService, specs: readonly TimelineSourceSpec[], max: number, signal?: AbortSignal) {
  return timelinePage(readerOf(logs, signal), specs, undefined, 'backward', max, signal);
}

/** The page before or after a cursor. */
export function timelineRead(
  logs: LogService,
  specs: readonly TimelineSourceSpec[],
  cursor: TimelineCursor,
  direction: 'forward' | 'backward',
  max: number,
  signal?: AbortSignal,
) {
  return timelinePage(readerOf(logs, signal), specs, cursor, direction, max, signal);
}

/** The cursor of the first entry at or after `time` in every source (each file located by binary search). */
export async function timelineLocate(
  logs: LogService,
  specs: readonly TimelineSourceSpec[],
  time: string,
  signal?: AbortSignal,
): Promise<{ cursor: TimelineCursor; sources: TimelineSourceStatus[] }> {
  const target = parseJumpTime(time);
  const resolved = await resolveSources(specs, undefined, signal);
  const statuses = resolved.map((r) => r.status);
  const perSource: Record<string, { path: string; offset: number }> = {};
  for (const [i, r] of resolved.entries()) {
    if (r.status.status !== 'ok' || !r.status.path) continue;
    try {
      const path = await fileHolding(logs, r.files.length ? r.files : [r.status.path], target, signal);
      perSource[r.status.id] = { path, offset: (await logs.locate(path, { time }, signal)).offset };
    } catch (err) {
      if (err instanceof ContractError && err.code === 'VALIDATION') throw err;
      statuses[i] = failed(r.status, r.status.path, err);
    }
  }
  return { cursor: { perSource }, sources: statuses };
}

/** The newest file of a rolling set (oldest first) whose first entry is at or before `target` (else the oldest). */
async function fileHolding(logs: LogService, files: readonly string[], target: number, signal?: AbortSignal): Promise<string> {
  for (let k = files.length - 1; k > 0; k -= 1) {
    const head = await logs.read(files[k]!, 0, 'forward', 20, signal).catch(() => null);
    const first = head?.entries.find((e) => e.ts)?.ts;
    if (first && Date.parse(first) <= target) return files[k]!;
  }
  return files[0]!;
}

function readerOf(logs: LogService, signal?: AbortSignal): ReadPage {
  return (path, offset, direction, max) => logs.read(path, offset, direction, max, signal);
}
