import { availableParallelism } from 'node:os';
import { basename } from 'node:path';
import type { LogLevel, LogSearchCheckpoint, LogSearchHit, LogSearchResult } from '../../contract/channels/logs';
import { ContractError } from '../../contract/errors';
import { nextNewline, unitSize } from './encoding';
import { withLog, type OpenLog } from './file-access';
import { checkAborted } from './line-reader';
import type { FormatCache } from './pages';
import { compilePattern } from './search-pattern';
import { runTasks } from './search-pool';
import { SEARCH_CHUNK, type RangeTask } from './search-scan';

export { compilePattern, requiredLiteral } from './search-pattern';

/** A search request. */
export interface SearchQuery {
  readonly paths: readonly string[];
  readonly pattern: string;
  readonly regex: boolean;
  readonly caseSensitive: boolean;
  readonly levels?: readonly LogLevel[];
  readonly maxHits: number;
  /** Resume a search cut off earlier from one of its progress checkpoints (paths before it are skipped). */
  readonly start?: LogSearchCheckpoint;
}

/** Tuning of the worker threads (tests make them small). */
export interface SearchTuning {
  /** Worker threads at most (default: the machine's available parallelism). */
  readonly workers?: number;
  /** A file is split into ranges of at least this many bytes, one per worker (default 16 MB). */
  readonly minRangeBytes?: number;
  /** Longest a worker may match one 8 MB chunk before the pattern is called too slow (default 10 s). */
  readonly chunkBudgetMs?: number;
}

/** Progress of a search: bytes done, bytes in all, hits found since the last call, where to resume. */
export type SearchProgress = (done: number, total: number, hits: LogSearchHit[], checkpoint: LogSearchCheckpoint) => void;

const MIN_RANGE = 16 * 1024 * 1024;
const CHUNK_BUDGET_MS = 10_000;

type PlannedTask = RangeTask & { readonly pathIndex: number; readonly firstLine?: number };

/**
 * Searches files on worker threads, so a pattern that backtracks without end never blocks the
 * main process: each file is split into ranges cut at line ends (one per worker, up to the
 * machine's cores), hits are merged back in file order with their line numbers, at most
 * `maxHits` stream through `onProgress` (the count stays exact), and every worker is terminated
 * when the search ends, is cancelled or spends longer than the budget matching one chunk.
 */
export async function searchFiles(
  q: SearchQuery,
  formats: FormatCache,
  opts: { signal?: AbortSignal; onProgress?: SearchProgress; tuning?: SearchTuning },
): Promise<LogSearchResult> {
  compilePattern(q.pattern, q.regex, q.caseSensitive); // an invalid pattern is refused before any thread starts
  const tuning = opts.tuning ?? {};
  const workers = Math.max(1, tuning.workers ?? availableParallelism());
  const budgetMs = tuning.chunkBudgetMs ?? CHUNK_BUDGET_MS;
  const tasks = await plan(q, formats, workers, tuning.minRangeBytes ?? MIN_RANGE, opts.signal);
  const total = tasks.reduce((n, t) => n + (t.countOnly ? 0 : t.end - t.start), 0);
  const state = tasks.map((t) => ({ done: false, newlines: 0, scannedTo: t.start, buffered: [] as LogSearchHit[] }));
  let frontier = 0;
  let base = tasks[0]?.firstLine ?? 1;
  let matches = 0;
  let scanned = 0;
  let released = 0;
  let pending: LogSearchHit[] = [];
  let checkpoint: LogSearchCheckpoint = q.start ?? { pathIndex: 0, offset: 0, line: 1 };
  const release = (hits: readonly LogSearchHit[]) => {
    for (const h of hits) {
      if (released >= q.maxHits) return;
      released += 1;
      pending.push({ ...h, line: base + h.line - 1 });
    }
  };
  const report = () => {
    const t = tasks[frontier];
    if (t && !t.countOnly)
      checkpoint = { pathIndex: t.pathIndex, offset: state[frontier]!.scannedTo, line: base + state[frontier]!.newlines };
    opts.onProgress?.(scanned, total, pending, checkpoint);
    pending = [];
  };
  if (tasks.length > 0) {
    await runTasks(tasks, {
      size: workers,
      budgetMs,
      signal: opts.signal,
      tooSlow: (t) => tooSlow(t, budgetMs),
      onChunk: (k, r) => {
        const s = state[k]!;
        matches += r.matches;
        if (!tasks[k]!.countOnly) scanned += r.bytes;
        if (k === frontier) release(r.hits);
        else s.buffered.push(...r.hits);
        s.newlines += r.newlines;
        s.scannedTo = r.scannedTo;
        report();
      },
      onDone: (k) => {
        state[k]!.done = true;
        let endLine = base;
        while (frontier < tasks.length && state[frontier]!.done) {
          const t = tasks[frontier]!;
          const after = tasks[frontier + 1];
          endLine = base + state[frontier]!.newlines;
          base =
            after && after.pathIndex === t.pathIndex && after.firstLine === undefined
              ? base + state[frontier]!.newlines
              : (after?.firstLine ?? 1);
          frontier += 1;
          if (frontier < tasks.length) {
            release(state[frontier]!.buffered);
            state[frontier]!.buffered = [];
          }
        }
        if (frontier >= tasks.length) {
          const last = tasks[tasks.length - 1]!;
          checkpoint = { pathIndex: last.pathIndex, offset: last.end, line: endLine };
        }
        report();
      },
    });
  }
  checkAborted(opts.signal);
  report();
  return { matches, scannedBytes: scanned, truncated: matches > q.maxHits };
}

/** The ranges to search, in file order: each file from its start (or the resume point) to its size now. */
async function plan(q: SearchQuery, formats: FormatCache, workers: number, minRange: number, signal?: AbortSignal): Promise<PlannedTask[]> {
  const tasks: PlannedTask[] = [];
  const from = q.start?.pathIndex ?? 0;
  for (let pathIndex = from; pathIndex < q.paths.length; pathIndex += 1) {
    checkAborted(signal);
    const path = q.paths[pathIndex]!;
    await withLog(path, async (log) => {
      const format = await formats.get(log);
      const common = { path, format, pattern: q.pattern, regex: q.regex, caseSensitive: q.caseSensitive, maxHits: q.maxHits, pathIndex };
      const withLevels = q.levels ? { levels: q.levels } : {};
      const resume = pathIndex === from && q.start ? q.start : undefined;
      let start = log.bom;
      let firstLine: number | undefined = 1;
      if (resume && resume.offset > log.bom) {
        start = Math.min(log.size, resume.offset - ((resume.offset - log.bom) % unitSize(log.encoding)));
        firstLine = resume.line;
        // Without the line number of the resume point, the lines before it are counted first.
        if (firstLine === undefined) tasks.push({ ...common, start: log.bom, end: start, countOnly: true, firstLine: 1 });
      }
      const n = Math.max(1, Math.min(workers, Math.ceil((log.size - start) / minRange)));
      let at = start;
      for (let i = 1; i <= n && at < log.size; i += 1) {
        const end = i === n ? log.size : await cutAfterNewline(log, start + Math.floor(((log.size - start) * i) / n), signal);
        if (end <= at) continue;
        tasks.push({ ...common, ...withLevels, start: at, end, ...(at === start && firstLine !== undefined ? { firstLine } : {}) });
        at = end;
      }
    });
  }
  return tasks;
}

/** The first line start at or after `target` (or `target` itself inside a line longer than 1 MB). */
async function cutAfterNewline(log: OpenLog, target: number, signal?: AbortSignal): Promise<number> {
  const unit = unitSize(log.encoding);
  const aligned = target - ((target - log.bom) % unit);
  for (let pos = aligned; pos < Math.min(log.size, aligned + 1024 * 1024); pos += 64 * 1024) {
    checkAborted(signal);
    const buf = await log.read(pos, 64 * 1024);
    const nl = nextNewline(buf, 0, buf.length - (buf.length % unit), log.encoding, pos);
    if (nl >= 0) return pos + nl + unit;
  }
  return Math.min(log.size, aligned);
}

function tooSlow(task: RangeTask, budgetMs: number): ContractError {
  return new ContractError(
    'VALIDATION',
    `This pattern is too slow: matching it took over ${Math.round(budgetMs / 100) / 10} s on one ${SEARCH_CHUNK / 1048576} MB piece of ` +
      `${basename(task.path)} (catastrophic backtracking, e.g. a repeated group that itself repeats, as in (\\w+\\s?)+). ` +
      'Simplify it: drop the outer repetition or anchor it to fixed text.',
    { details: { field: 'pattern', file: task.path } },
  );
}
