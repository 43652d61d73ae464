import { readdir, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { LogLinesEvent } from '../../contract/channels/logs';
import { groupEntries } from './entries';
import { fileIdOf, statOrNull, withLog } from './file-access';
import { readLinesForward } from './line-reader';
import type { FormatCache } from './pages';
import { classify, compareRank } from './rolling';

/** One batch of appended entries (the event payload without the follow id). */
export type FollowBatch = Omit<LogLinesEvent, 'followId'>;

/** Options of a follower. */
export interface FollowOptions {
  readonly path: string;
  /** Offset to continue from (a line start, usually the `end` of the last page read). */
  readonly offset: number;
  /** Identity of the file `offset` belongs to; when it differs, the file rotated meanwhile. */
  readonly fileId?: string;
  readonly formats: FormatCache;
  readonly intervalMs?: number;
  readonly onBatch: (batch: FollowBatch) => void;
  readonly onError?: (err: unknown) => void;
}

const HEAD = 64;
const MAX_TICK_BYTES = 8 * 1024 * 1024;

/**
 * Follows a log file by polling: stat, open, read the new bytes, close. No handle is held
 * between polls, so the writer can always rename or delete the file (Windows sharing rules).
 * - Rotation by rename (log4net `SSDE.log` → `SSDE.log.1`): the old file is found again by its
 *   identity in the folder and read to its end before the new file is read from its start.
 * - Truncation or recreation in place: the size shrank or the first bytes changed.
 * - Daily sets (`credcache-20250131.log` → `…0201.log`): the current file is read to its end,
 *   then the newer file from its start.
 * Only complete lines are sent; an unfinished last line waits for its newline.
 */
export class Follower {
  private path: string;
  private offset: number;
  private fileId: string | undefined;
  private head: Buffer | null = null;
  private timer: NodeJS.Timeout | null = null;
  private busy: Promise<void> | null = null;
  private stopped = false;

  constructor(private readonly opts: FollowOptions) {
    this.path = opts.path;
    this.offset = opts.offset;
    this.fileId = opts.fileId;
  }

  /** Starts polling. */
  start(): void {
    this.schedule(0);
  }

  /** Stops polling; a tick in progress finishes first. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.busy;
  }

  /** The file being followed now. */
  get current(): string {
    return this.path;
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.busy = this.tick()
        .then((more) => this.schedule(more ? 0 : (this.opts.intervalMs ?? 100)))
        .catch((err: unknown) => {
          this.opts.onError?.(err);
          this.schedule(1000);
        });
    }, ms);
    // Polling must not keep a process alive on its own (serve mode exits on SIGTERM while a
    // window still follows); the command line holds its own keep-alive while it follows.
    this.timer.unref();
  }

  /** One poll; resolves true when more data is already waiting. Exposed for tests. */
  async tick(): Promise<boolean> {
    const s = await statOrNull(this.path);
    if (!s || (this.fileId !== undefined && fileIdOf(s) !== this.fileId)) {
      if (this.fileId !== undefined) {
        const old = await this.findById(this.fileId);
        if (old) await this.readFrom(old, this.offset, 'final');
      }
      const next = s ? this.path : await this.newestInSet();
      if (!next) return false;
      this.switchTo(next);
      this.pendingReset = 'rotated';
    } else if (classify(basename(this.path)).kind === 'daily') {
      const newest = await this.newestInSet();
      if (newest && newest !== this.path && compareRank(classify(basename(newest)).rank, classify(basename(this.path)).rank) > 0) {
        await this.readFrom(this.path, this.offset, 'final');
        this.switchTo(newest);
        this.pendingReset = 'switched';
      }
    }
    return this.readFrom(this.path, this.offset, 'live');
  }

  private pendingReset: FollowBatch['reset'];

  private switchTo(path: string): void {
    this.path = path;
    this.offset = 0;
    this.fileId = undefined;
    this.head = null;
  }

  /** Reads new complete lines (all lines, for a file that will not grow any more: 'final'). */
  private async readFrom(path: string, offset: number, mode: 'live' | 'final'): Promise<boolean> {
    return withLog(path, async (log) => {
      if (mode === 'live' && this.fileId !== undefined && log.fileId !== this.fileId) return true; // rotated meanwhile
      let from = Math.max(offset, log.bom);
      if (mode === 'live') {
        const head = await log.read(0, Math.min(HEAD, log.size));
        const rewritten = this.head !== null && (head.length < this.head.length || !head.subarray(0, this.head.length).equals(this.head));
        if (log.size < from || rewritten) {
          from = log.bom;
          this.pendingReset = 'truncated';
        }
        this.fileId = log.fileId;
        if (head.length > (this.head?.length ?? 0)) this.head = Buffer.from(head);
      }
      if (log.size <= from) {
        this.offset = from;
        return false;
      }
      const format = await this.opts.formats.get(log);
      const { lines, next } = await readLinesForward(log, from, {
        includePartial: mode === 'final',
        ...(mode === 'live' ? { maxBytes: MAX_TICK_BYTES } : {}),
      });
      const end = mode === 'final' ? (lines[lines.length - 1]?.end ?? next) : next;
      if (mode === 'live') this.offset = next;
      const entries = groupEntries(lines, format);
      if (entries.length > 0 || this.pendingReset) {
        this.opts.onBatch({ path, fileId: log.fileId, entries, next: end, ...(this.pendingReset ? { reset: this.pendingReset } : {}) });
        this.pendingReset = undefined;
      }
      return mode === 'live' && from + MAX_TICK_BYTES < log.size;
    });
  }

  /** The file in the folder that has identity `id` (the renamed, formerly current file). */
  private async findById(id: string): Promise<string | null> {
    const folder = dirname(this.path);
    const names = await readdir(folder).catch(() => [] as string[]);
    for (const name of names) {
      const s = await stat(join(folder, name)).catch(() => null);
      if (s?.isFile() && fileIdOf(s) === id) return join(folder, name);
    }
    return null;
  }

  /** The newest file of the followed file's rolling set. */
  private async newestInSet(): Promise<string | null> {
    const folder = dirname(this.path);
    const key = classify(basename(this.path)).key;
    const names = await readdir(folder).catch(() => [] as string[]);
    let best: { name: string; rank: readonly number[] } | null = null;
    for (const name of names) {
      const c = classify(name);
      if (c.key !== key) continue;
      if (!best || compareRank(c.rank, best.rank) > 0) best = { name, rank: c.rank };
    }
    return best ? join(folder, best.name) : null;
  }
}
