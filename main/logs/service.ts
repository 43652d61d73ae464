import { randomUUID } from 'node:crypto';
import {
  LINE_TEXT_MAX_BYTES,
  type LogIndexStatus,
  type LogLinesEvent,
  type LogPage,
  type LogSearchResult,
} from '../../contract/channels/logs';
import { withLog, type OpenLog } from './file-access';
import { Follower } from './follower';
import { MinuteCounts, toHistogram } from './histogram';
import { buildIndex, type LineIndex } from './line-index';
import { readEntryText, readFullLine } from './line-reader';
import { locateTime, parseJumpTime } from './locate';
import { FormatCache, readBackwardPage, readForwardPage } from './pages';
import { searchFiles, type SearchProgress, type SearchQuery, type SearchTuning } from './search';

/** Followers one process keeps at most (a closed window that never unfollowed is dropped first). */
const MAX_FOLLOWERS = 16;
const MAX_INDEXES = 8;

/** Options of a LogService. */
export interface LogServiceOptions {
  /**
   * With a lease, a follow stops unless `renew` is called within this many ms: a window that
   * went away without unfollowing (closed tab, crashed renderer) stops costing polls. The
   * command line follows without one.
   */
  readonly leaseMs?: number;
  /** Clock of the leases (tests). */
  readonly now?: () => number;
  /** Worker threads of whole-file search (tests make ranges small or the time budget short). */
  readonly search?: SearchTuning;
}

/**
 * The Logs capability behind the IPC handlers and the command line: page reads, the sparse
 * line index cache, search and followers. Plain Node; no Electron.
 */
export class LogService {
  readonly formats = new FormatCache();
  private readonly indexes = new Map<string, LineIndex>();
  private readonly building = new Map<string, Promise<LineIndex>>();
  private readonly followers = new Map<string, Follower>();
  private readonly leases = new Map<string, number>();
  private sweeper: NodeJS.Timeout | null = null;

  constructor(private readonly opts: LogServiceOptions = {}) {}

  /** The newest lines of a file, read backwards from the end (fast whatever the size); stops when `signal` aborts. */
  async tail(path: string, maxLines: number, signal?: AbortSignal): Promise<LogPage> {
    return withLog(path, async (log) =>
      readBackwardPage(log, await this.formats.get(log), log.size, maxLines, this.usableIndex(path, log.fileId), signal),
    );
  }

  /** A page before or after `offset`; stops when `signal` aborts (a forward read may scan a huge line). */
  async read(path: string, offset: number, direction: 'forward' | 'backward', maxLines: number, signal?: AbortSignal): Promise<LogPage> {
    return withLog(path, async (log) => {
      const format = await this.formats.get(log);
      const index = this.usableIndex(path, log.fileId);
      const at = Math.min(offset, log.size);
      return direction === 'forward'
        ? readForwardPage(log, format, at, maxLines, index, signal)
        : readBackwardPage(log, format, at, maxLines, index, signal);
    });
  }

  /**
   * The full text of one line, or of a whole entry up to `end` (a long line is cut for display;
   * this reads it whole), at most `LINE_TEXT_MAX_BYTES` (then `truncated`).
   */
  async lineText(path: string, offset: number, maxBytes: number, end?: number, signal?: AbortSignal) {
    const cap = Math.min(maxBytes, LINE_TEXT_MAX_BYTES);
    return withLog(path, (log) =>
      end !== undefined && end > offset ? readEntryText(log, offset, end, cap, signal) : readFullLine(log, offset, cap, signal),
    );
  }

  /** Builds or extends the sparse line index of a file. */
  async index(path: string, signal?: AbortSignal, onProgress?: (done: number, total: number) => void): Promise<LogIndexStatus> {
    const idx = await this.ensureIndex(path, signal, onProgress);
    return { path, lines: idx.lines, indexedBytes: idx.indexedTo, checkpoints: idx.checkpoints.length };
  }

  /**
   * Entries per bucket by level over several files, from their line indexes (built or extended
   * first: only bytes not indexed yet are read).
   */
  async histogram(
    paths: readonly string[],
    bucketMinutes: number,
    signal?: AbortSignal,
    onProgress?: (done: number, total: number) => void,
  ) {
    const all: MinuteCounts[] = [];
    for (const path of paths) {
      const idx = await this.ensureIndex(path, signal, onProgress, true);
      if (idx.counts) all.push(idx.counts);
    }
    return toHistogram(all, bucketMinutes);
  }

  /** Offset of a line (via the index) or of the first entry at or after a time. */
  async locate(
    path: string,
    where: { line?: number; time?: string },
    signal?: AbortSignal,
    onProgress?: (done: number, total: number) => void,
  ): Promise<{ offset: number; line?: number }> {
    if (where.time !== undefined) {
      const target = parseJumpTime(where.time);
      return withLog(path, async (log) => {
        const offset = await locateTime(log, await this.formats.get(log), target, signal);
        const idx = this.usableIndex(path, log.fileId);
        const line = idx ? await idx.lineAt(log, offset) : undefined;
        return { offset, ...(line !== undefined ? { line } : {}) };
      });
    }
    const idx = await this.ensureIndex(path, signal, onProgress);
    return withLog(path, (log) => idx.offsetOfLine(log, where.line ?? 1, signal));
  }

  /**
   * Searches files on worker threads, streaming hits in file order with a checkpoint to resume
   * from (`q.start`); cancelled by `signal`, stopped with a VALIDATION error naming `pattern`
   * when the pattern is too slow.
   */
  search(q: SearchQuery, signal?: AbortSignal, onProgress?: SearchProgress): Promise<LogSearchResult> {
    return searchFiles(q, this.formats, { signal, onProgress, ...(this.opts.search ? { tuning: this.opts.search } : {}) });
  }

  /** Starts following; batches go to `emit` with the returned id. */
  follow(path: string, offset: number, fileId: string | undefined, emit: (e: LogLinesEvent) => void, intervalMs?: number): string {
    const followId = randomUUID();
    if (this.followers.size >= MAX_FOLLOWERS) {
      const [oldest] = this.followers.keys();
      if (oldest) void this.unfollow(oldest);
    }
    const f = new Follower({
      path,
      offset,
      fileId,
      formats: this.formats,
      intervalMs,
      onBatch: (b) => emit({ followId, ...b }),
    });
    this.followers.set(followId, f);
    f.start();
    if (this.opts.leaseMs !== undefined) {
      this.renew(followId);
      // A few sweeps per lease; unref'd so a forgotten follow never keeps the process alive.
      this.sweeper ??= setInterval(() => void this.sweepExpired(), Math.max(50, Math.min(5000, this.opts.leaseMs / 3)));
      this.sweeper.unref();
    }
    return followId;
  }

  /** How many follows are running (diagnostics, tests). */
  get followCount(): number {
    return this.followers.size;
  }

  /** Extends a follow's lease; false when the follow is gone (expired, evicted or stopped). */
  renew(followId: string): boolean {
    if (!this.followers.has(followId)) return false;
    if (this.opts.leaseMs !== undefined) this.leases.set(followId, this.now() + this.opts.leaseMs);
    return true;
  }

  /** Stops the follows whose lease ran out; returns their ids. */
  async sweepExpired(): Promise<string[]> {
    const now = this.now();
    const expired = [...this.leases].filter(([, until]) => until <= now).map(([id]) => id);
    await Promise.all(expired.map((id) => this.unfollow(id)));
    return expired;
  }

  /** Stops a follower. */
  async unfollow(followId: string): Promise<boolean> {
    const f = this.followers.get(followId);
    this.leases.delete(followId);
    if (!f) return false;
    this.followers.delete(followId);
    if (!this.followers.size && this.sweeper) {
      clearInterval(this.sweeper);
      this.sweeper = null;
    }
    await f.stop();
    return true;
  }

  /** Stops everything (process exit, tests). */
  async close(): Promise<void> {
    await Promise.all([...this.followers.keys()].map((id) => this.unfollow(id)));
  }

  private now(): number {
    return (this.opts.now ?? Date.now)();
  }

  private usableIndex(path: string, fileId: string): LineIndex | undefined {
    const idx = this.indexes.get(path);
    return idx && idx.fileId === fileId ? idx : undefined;
  }

  /**
   * The file's line index, built or extended. Counting the time histogram costs several times
   * the plain newline scan, so an index counts only once a histogram was asked for (`withCounts`):
   * the first histogram of a file reads it once more, later ones only what was appended.
   */
  private async ensureIndex(
    path: string,
    signal?: AbortSignal,
    onProgress?: (done: number, total: number) => void,
    withCounts = false,
  ): Promise<LineIndex> {
    // One build per file at a time; a second caller waits for the first.
    const running = this.building.get(path);
    if (running) {
      const idx = await running;
      if (!withCounts || idx.counts) return idx;
    }
    const existing = this.indexes.get(path);
    const counts = async (log: OpenLog) => new MinuteCounts(await this.formats.get(log), log.encoding);
    const p = buildIndex(path, withCounts && !existing?.counts ? undefined : existing, signal, onProgress, withCounts ? counts : undefined)
      .then((idx) => {
        this.indexes.delete(path);
        this.indexes.set(path, idx);
        if (this.indexes.size > MAX_INDEXES) this.indexes.delete(this.indexes.keys().next().value as string);
        return idx;
      })
      .finally(() => this.building.delete(path));
    this.building.set(path, p);
    return p;
  }
}
