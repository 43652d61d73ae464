import { nextNewline, unitSize } from './encoding';
import { withLog, type OpenLog } from './file-access';
import type { MinuteCounts } from './histogram';
import { checkAborted } from './line-reader';

/** Lines between two checkpoints: 10 000 lines ≈ 1–2 MB of a typical log, 8 bytes each. */
export const CHECKPOINT_EVERY = 10_000;
const CHUNK = 4 * 1024 * 1024;

/**
 * A sparse line index: the byte offset of every `every`-th line start. Memory is one number per
 * checkpoint (a 1 GB file of 100-byte lines needs about 1 000), and an offset is found by
 * scanning forward at most `every` lines from the checkpoint before it.
 */
export class LineIndex {
  /** checkpoints[k] = offset of line k·every (0-based). */
  readonly checkpoints: number[] = [];
  /** Complete lines counted so far. */
  lines = 0;
  /** Offset after the last counted newline. */
  indexedTo: number;
  /** Entries per minute by level (the time histogram), counted in the same pass. */
  counts?: MinuteCounts;

  constructor(
    readonly path: string,
    readonly fileId: string,
    readonly bom: number,
    readonly every = CHECKPOINT_EVERY,
  ) {
    this.indexedTo = bom;
    this.checkpoints.push(bom);
  }

  /** Counts lines from where the index stopped to the end of the file, in chunks. */
  async extend(log: OpenLog, signal?: AbortSignal, onProgress?: (done: number, total: number) => void): Promise<void> {
    const unit = unitSize(log.encoding);
    let pos = this.indexedTo;
    let lastProgress = 0;
    while (pos < log.size) {
      checkAborted(signal);
      const len = Math.min(CHUNK, log.size - pos);
      const buf = await log.read(pos, len - (len % unit) || len);
      if (buf.length === 0) break;
      let i = 0;
      for (;;) {
        const nl = nextNewline(buf, i, buf.length, log.encoding, pos);
        if (nl < 0) break;
        this.counts?.line(buf, i, nl);
        i = nl + unit;
        this.lines += 1;
        if (this.lines % this.every === 0) this.checkpoints.push(pos + i);
      }
      if (i > 0) {
        this.indexedTo = pos + i;
        pos += i;
      } else if (pos + buf.length < log.size) {
        pos += buf.length; // a line longer than a chunk
      } else {
        break; // an unfinished last line is counted when its newline arrives
      }
      if (onProgress && pos - lastProgress >= 32 * 1024 * 1024) {
        lastProgress = pos;
        onProgress(pos, log.size);
      }
      // Yield so a large index never starves the event loop (IPC, follow ticks).
      await new Promise<void>((r) => setImmediate(r));
    }
    onProgress?.(log.size, log.size);
  }

  /** Offset of 1-based line `line` (clamped to the last indexed line). */
  async offsetOfLine(log: OpenLog, line: number, signal?: AbortSignal): Promise<{ offset: number; line: number }> {
    const target = Math.max(0, Math.min(line - 1, this.lines));
    const k = Math.min(Math.floor(target / this.every), this.checkpoints.length - 1);
    let offset = this.checkpoints[k]!;
    let at = k * this.every;
    const unit = unitSize(log.encoding);
    while (at < target) {
      checkAborted(signal);
      const buf = await log.read(offset, Math.min(CHUNK, log.size - offset));
      if (buf.length === 0) break;
      let i = 0;
      while (at < target) {
        const nl = nextNewline(buf, i, buf.length, log.encoding, offset);
        if (nl < 0) break;
        i = nl + unit;
        at += 1;
      }
      if (i === 0) break;
      offset += i;
    }
    return { offset, line: at + 1 };
  }

  /** Line numbers of several ascending line starts (defined below the class). */
  declare linesAt: (log: OpenLog, offsets: readonly number[]) => Promise<number[]>;

  /** 1-based number of the line starting at `offset`, if the index covers it. */
  async lineAt(log: OpenLog, offset: number): Promise<number | undefined> {
    if (offset > this.indexedTo) return undefined;
    let k = this.checkpoints.length - 1;
    while (k > 0 && this.checkpoints[k]! > offset) k -= 1;
    let pos = this.checkpoints[k]!;
    let at = k * this.every;
    const unit = unitSize(log.encoding);
    while (pos < offset) {
      const buf = await log.read(pos, Math.min(CHUNK, offset - pos));
      if (buf.length === 0) break;
      let i = 0;
      for (;;) {
        const nl = nextNewline(buf, i, buf.length, log.encoding, pos);
        if (nl < 0) break;
        i = nl + unit;
        at += 1;
      }
      pos += buf.length;
    }
    return at + 1;
  }
}

/**
 * 1-based line numbers of several line starts (ascending), counting forward from the nearest
 * checkpoint or the previous offset, whichever is closer: cheap for sparse search hits.
 */
LineIndex.prototype.linesAt = async function linesAt(this: LineIndex, log: OpenLog, offsets: readonly number[]): Promise<number[]> {
  const out: number[] = [];
  let pos = -1;
  let at = 0;
  const unit = unitSize(log.encoding);
  for (const off of offsets) {
    let k = this.checkpoints.length - 1;
    while (k > 0 && this.checkpoints[k]! > off) k -= 1;
    if (pos < 0 || pos > off || this.checkpoints[k]! > pos) {
      pos = this.checkpoints[k]!;
      at = k * this.every;
    }
    while (pos < off) {
      const buf = await log.read(pos, Math.min(CHUNK, off - pos));
      if (buf.length === 0) break;
      for (
        let i = nextNewline(buf, 0, buf.length, log.encoding, pos);
        i >= 0;
        i = nextNewline(buf, i + unit, buf.length, log.encoding, pos)
      )
        at += 1;
      pos += buf.length;
    }
    out.push(at + 1);
  }
  return out;
};

/** Builds (or extends) an index for `path` in one open-read-close pass. */
export async function buildIndex(
  path: string,
  existing: LineIndex | undefined,
  signal?: AbortSignal,
  onProgress?: (done: number, total: number) => void,
  counts?: (log: OpenLog) => Promise<MinuteCounts>,
): Promise<LineIndex> {
  return withLog(path, async (log) => {
    const reuse = existing && existing.fileId === log.fileId && existing.indexedTo <= log.size;
    const idx = reuse ? existing : new LineIndex(path, log.fileId, log.bom);
    // The histogram needs the file's format; an index started without one keeps counting none.
    if (!reuse && counts) idx.counts = await counts(log);
    await idx.extend(log, signal, onProgress);
    return idx;
  });
}
