import { basename } from 'node:path';
import type { LogLinesEvent } from '../../contract/channels/logs';
import { groupEntries } from './entries';
import { fileIdOf, statOrNull, withLog, type OpenLog } from './file-access';
import {
  compareRankOf,
  copyCandidates,
  findById,
  newestInSet,
  readSignature,
  sameSignature,
  setMembers,
  signatureHolds,
  type Signature,
} from './follow-signature';
import { readLinesForward } from './line-reader';
import type { FormatCache } from './pages';
import { classify } from './rolling';

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

/** A file that will not grow any more and is read to its end before the followed file. */
interface Drain {
  /** Identity, to find the file again if it is renamed while it waits (unknown for a daily file never opened). */
  readonly id: string | undefined;
  path: string;
  from: number;
  sig: Signature | null;
  reset: FollowBatch['reset'];
}

const MAX_TICK_BYTES = 8 * 1024 * 1024;

/**
 * Follows a log file by polling: stat, open, read the new bytes, close. No handle is held
 * between polls, so the writer can always rename or delete the file (Windows sharing rules).
 * Every line written after the follow starts is sent exactly once, in order:
 * - Rotation by rename (log4net `SSDE.log` → `SSDE.log.1`): the old file is found again by its
 *   identity and read to its end, then any file rolled after it (several rolls between two
 *   polls), then the new file from its start.
 * - Truncation, rewrite in place and `copytruncate`: the follower remembers the bytes at both
 *   ends of what it read (a {@link Signature}); when they change, the file was replaced. A copy
 *   holding those bytes is read on from the old offset first, then the file from its start.
 *   The signature is taken afresh after every read, so a truncation is reported once.
 * - Daily sets (`credcache-20250131.log` → `…0201.log`): the current file is read to its end,
 *   then the newer file from its start.
 * Only complete lines are sent; an unfinished last line waits for its newline.
 */
export class Follower {
  private path: string;
  private offset: number;
  private fileId: string | undefined;
  private sig: Signature | null = null;
  /** The file being read to its end before the followed file. */
  private drain: Drain | null = null;
  /**
   * After a rename roll: files rolled after the last drained one are drained next, one at a
   * time, each found again by identity (names shift while a writer rolls).
   */
  private chain: { readonly drained: Set<string>; last: string; liveDrained: boolean } | null = null;
  private pendingReset: FollowBatch['reset'];
  private timer: NodeJS.Timeout | null = null;
  private busy: Promise<void> | null = null;
  private stopped = false;
  private readonly abort = new AbortController();

  constructor(private readonly opts: FollowOptions) {
    this.path = opts.path;
    this.offset = opts.offset;
    this.fileId = opts.fileId;
  }

  /** Starts polling. */
  start(): void {
    this.schedule(0);
  }

  /** Stops polling; a read in progress stops at its next chunk. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.abort.abort();
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
          if (this.stopped) return;
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
    if (this.drain) return this.drainNext(this.drain);
    if (this.chain) return this.chainNext(this.chain);
    const s = await statOrNull(this.path);
    const daily = classify(basename(this.path)).kind === 'daily';
    if (this.fileId !== undefined && (!s || fileIdOf(s) !== this.fileId)) {
      await this.queueRotation(s ? fileIdOf(s) : undefined, !s && daily);
      return true;
    }
    if (daily || !s) {
      const newest = await newestInSet(this.path);
      if (newest && newest !== this.path && compareRankOf(newest, this.path) > 0) {
        if (s) this.drain = { id: this.fileId, path: this.path, from: this.offset, sig: this.sig, reset: this.pendingReset };
        this.switchTo(newest);
        this.pendingReset = s ? 'switched' : 'rotated';
        return true;
      }
    }
    if (!s) return false;
    // Renamed away between the stat and the open: the next poll sees the rotation.
    return this.readLive().catch((err: unknown) => {
      if ((err as { cause?: NodeJS.ErrnoException }).cause?.code === 'ENOENT') return true;
      throw err;
    });
  }

  /**
   * Moves on to `path` from its start. `id` is the identity seen there now: if that file too is
   * rolled away before it is first read, the next poll notices and drains it.
   */
  private switchTo(path: string, id?: string): void {
    this.path = path;
    this.offset = 0;
    this.fileId = id;
    this.sig = null;
  }

  /**
   * The followed file was renamed away (or deleted): read it to its end where it went, then
   * every file of the set rolled after it, then the file now at the path (or, for a daily set
   * whose file vanished, its newest file).
   */
  private async queueRotation(currentId: string | undefined, toNewest: boolean): Promise<void> {
    const oldId = this.fileId!;
    const old = await findById(this.path, oldId);
    const next = toNewest ? ((await newestInSet(this.path)) ?? this.path) : this.path;
    this.drain = old ? { id: oldId, path: old.path, from: this.offset, sig: this.sig, reset: this.pendingReset } : null;
    this.chain = old && !toNewest ? { drained: new Set([oldId]), last: oldId, liveDrained: false } : null;
    this.switchTo(next, next === this.path ? currentId : undefined);
    this.pendingReset = 'rotated';
  }

  /** Picks the file rolled right after the last drained one; at the end, follows the file at the path. */
  private async chainNext(chain: NonNullable<Follower['chain']>): Promise<boolean> {
    const s = await statOrNull(this.path);
    const members = await setMembers(this.path);
    const at = members.findIndex((m) => m.id === chain.last);
    const next = at < 0 ? undefined : members.slice(at + 1).find((m) => !chain.drained.has(m.id) && m.path !== this.path);
    if (!next) {
      this.chain = null;
      // The file the follow was to continue with was itself rolled and has been drained.
      if (chain.liveDrained) this.switchTo(this.path, s ? fileIdOf(s) : undefined);
      return true;
    }
    chain.drained.add(next.id);
    chain.last = next.id;
    if (next.id === this.fileId) chain.liveDrained = true;
    this.drain = { id: next.id, path: next.path, from: 0, sig: null, reset: 'rotated' };
    return true;
  }

  /** Reads the next piece of the file being drained; true: poll again at once. */
  private async drainNext(d: Drain): Promise<boolean> {
    const done = await this.withDrainFile(d, async (log) => {
      let from = Math.max(d.from, log.bom);
      if (d.sig ? !(await signatureHolds(log, d.sig)) : log.size < from) {
        if (d.sig && (await this.drainCopy(d.sig, log.fileId, d.reset))) d.reset = undefined;
        d.sig = null;
        d.from = from = log.bom;
        d.reset = 'truncated';
      }
      const format = await this.opts.formats.get(log);
      const { lines, next } = await readLinesForward(log, from, {
        includePartial: true,
        maxBytes: MAX_TICK_BYTES,
        signal: this.abort.signal,
      });
      const end = lines[lines.length - 1]?.end ?? next;
      this.send(log, groupEntries(lines, format), end, d.reset);
      d.reset = undefined;
      d.from = end;
      d.sig = null;
      return end >= log.size;
    });
    if (done !== false) this.drain = null;
    return true;
  }

  /** Opens a drained file by identity (it may have been renamed again meanwhile); null when gone. */
  private async withDrainFile<T>(d: Drain, fn: (log: OpenLog) => Promise<T>): Promise<T | null> {
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const r = await withLog(d.path, async (log) => (d.id === undefined || log.fileId === d.id ? { v: await fn(log) } : null)).catch(
        (err: unknown) => {
          if ((err as { details?: { file?: string } }).details?.file === d.path && !this.stopped) return null;
          throw err;
        },
      );
      if (r) return r.v;
      const moved = d.id !== undefined ? await findById(d.path, d.id) : null;
      if (!moved) return null;
      d.path = moved.path;
    }
    return null;
  }

  /** Reads the complete lines appended to the followed file since the last poll. */
  private async readLive(): Promise<boolean> {
    return withLog(this.path, async (log) => {
      if (this.fileId !== undefined && log.fileId !== this.fileId) return true; // rotated meanwhile
      this.fileId = log.fileId;
      let from = Math.max(this.offset, log.bom);
      if (this.sig ? !(await signatureHolds(log, this.sig)) : log.size < from) {
        if (this.sig && this.sig.at > log.bom && (await this.drainCopy(this.sig, log.fileId, this.pendingReset))) {
          this.pendingReset = undefined;
        }
        this.offset = from = log.bom;
        this.sig = null;
        this.pendingReset = 'truncated';
      }
      // First sight of these bytes: remember them, so a truncation during the read is noticed next time.
      this.sig ??= await readSignature(log, from);
      if (log.size <= from) return false;
      const format = await this.opts.formats.get(log);
      const before = await readSignature(log, from);
      const { lines, next } = await readLinesForward(log, from, { maxBytes: MAX_TICK_BYTES, signal: this.abort.signal });
      const committed = await readSignature(log, next);
      // Replaced while being read (the bytes before `from` or the head changed): what was read may
      // mix two generations of the file. Drop it; the next poll sees the truncation.
      if (!sameSignature(before, await readSignature(log, from))) return true;
      this.offset = next;
      this.sig = committed;
      this.send(log, groupEntries(lines, format), next, this.pendingReset);
      this.pendingReset = undefined;
      return from + MAX_TICK_BYTES < log.size;
    });
  }

  /**
   * After a truncation: a file that holds the bytes the follower remembers and more (the copy
   * `copytruncate` made) is read on from the old offset, so the lines written between the last
   * poll and the copy are not lost. True when such a copy was read.
   */
  private async drainCopy(sig: Signature, exceptId: string, reset: FollowBatch['reset']): Promise<boolean> {
    for (const c of await copyCandidates(this.path, exceptId, sig.at)) {
      const read = await withLog(c.path, async (log) => {
        if (log.fileId !== c.id || !(await signatureHolds(log, sig))) return false;
        const format = await this.opts.formats.get(log);
        const { lines, next } = await readLinesForward(log, sig.at, { includePartial: true, signal: this.abort.signal });
        this.send(log, groupEntries(lines, format), lines[lines.length - 1]?.end ?? next, reset);
        return true;
      }).catch(() => false);
      if (read) return true;
    }
    return false;
  }

  private send(log: OpenLog, entries: FollowBatch['entries'], next: number, reset: FollowBatch['reset']): void {
    if (entries.length === 0 && !reset) return;
    this.opts.onBatch({ path: log.path, fileId: log.fileId, entries, next, ...(reset ? { reset } : {}) });
  }
}
