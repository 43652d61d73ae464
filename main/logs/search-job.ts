import { ContractError } from '../../contract';
import type { LogSearchCheckpoint, LogSearchHit, LogSearchProgressData, LogSearchResult } from '../../contract/channels/logs';
import type { JobContext } from '../jobs';
import { statOrNull, withLog } from './file-access';
import type { SearchProgress, SearchQuery } from './search';

/**
 * What a search job records: hits streamed since the previous record, and either a point inside
 * file `file` (every hit before it streamed, none after) or the end of that file with its count.
 */
interface SearchRecord {
  readonly file: number;
  readonly hits: readonly LogSearchHit[];
  /** Bytes of `file` searched: up to the point (its offset), or in all at its end. */
  readonly scannedBytes: number;
  readonly at?: { readonly offset: number; readonly line?: number };
  /** Matches in the whole file, set at its end. */
  readonly matches?: number;
}

/** Searches files (the log service's `search`). */
export type SearchFiles = (q: SearchQuery, signal: AbortSignal, onProgress: SearchProgress) => Promise<LogSearchResult>;

const MB = 1048576;
/** Points inside a file are recorded at most this often (each is an fsync). */
const POINT_EVERY_MS = 250;

/**
 * A whole-file search as a resumable job. Files are searched in order; inside a file the search
 * records points (from the search's own checkpoints) and at the end of each file its count, so a
 * search cut off by a crash or Ctrl+C continues from the last point and ends with the same result
 * as one uninterrupted run.
 */
export async function runSearchJob(q: SearchQuery, job: JobContext<LogSearchProgressData>, search: SearchFiles): Promise<LogSearchResult> {
  const records = (job.checkpoints as SearchRecord[]).filter((c) => typeof c?.file === 'number' && Array.isArray(c.hits));
  const sizes = await Promise.all(q.paths.map(async (p) => (await statOrNull(p).catch(() => null))?.size ?? 0));
  const total = sizes.reduce((a, b) => a + b, 0);
  const earlierHits = records.flatMap((r) => r.hits);
  const finished = new Map<number, { matches: number; scannedBytes: number; hits: number }>();
  let partial: { file: number; at: { offset: number; line?: number }; scannedBytes: number; hits: number } | undefined;
  for (const r of records) {
    if (r.matches !== undefined) {
      finished.set(r.file, {
        matches: r.matches,
        scannedBytes: r.scannedBytes,
        hits: (partial?.file === r.file ? partial.hits : 0) + r.hits.length,
      });
      partial = undefined;
    } else if (r.at)
      partial = {
        file: r.file,
        at: r.at,
        scannedBytes: r.scannedBytes,
        hits: (partial?.file === r.file ? partial.hits : 0) + r.hits.length,
      };
  }
  let matches = [...finished.values()].reduce((a, f) => a + f.matches, 0);
  let scanned = [...finished.values()].reduce((a, f) => a + f.scannedBytes, 0);
  let kept = earlierHits.length;
  const report = (hits: readonly LogSearchHit[]) =>
    job.report({ done: scanned, total, message: `Searched ${Math.round(scanned / MB)} of ${Math.round(total / MB)} MB`, data: { hits } });
  if (records.length) {
    job.log(`Resumed after ${finished.size} of ${q.paths.length} file(s)${partial ? ' and part of the next' : ''}: ${kept} hit(s) so far.`);
    report(earlierHits);
  }
  const next = finished.size ? Math.max(...finished.keys()) + 1 : 0;
  for (let file = next; file < q.paths.length; file += 1) {
    if (job.signal.aborted) throw new ContractError('CANCELLED', 'Cancelled', { retryable: true });
    const resume = partial?.file === file ? partial : undefined;
    const fileBase = scanned;
    // Bytes before the resume point, counted as an uninterrupted run counts them (after the BOM).
    const resumedBytes = resume ? resume.at.offset - (await withLog(q.paths[file]!, async (log) => log.bom)) : 0;
    // Matches before the resume point were all streamed (points are only recorded below the cap).
    const fileMatchesBefore = resume?.hits ?? 0;
    let unrecorded: LogSearchHit[] = [];
    let lastPoint = 0;
    const room = Math.max(0, q.maxHits - kept);
    const r = await search(
      { ...q, paths: [q.paths[file]!], maxHits: Math.max(1, room), ...(resume ? { start: { pathIndex: 0, ...resume.at } } : {}) },
      job.signal,
      (bytes, _total, hits, cp: LogSearchCheckpoint) => {
        const fresh = hits.slice(0, Math.max(0, q.maxHits - kept));
        kept += fresh.length;
        unrecorded.push(...fresh);
        scanned = fileBase + resumedBytes + bytes;
        report(fresh);
        const now = Date.now();
        if (kept < q.maxHits && now - lastPoint >= POINT_EVERY_MS) {
          lastPoint = now;
          job.checkpoint({
            file,
            hits: unrecorded,
            scannedBytes: cp.offset,
            at: { offset: cp.offset, ...(cp.line ? { line: cp.line } : {}) },
          } satisfies SearchRecord);
          unrecorded = [];
        }
      },
    );
    if (job.signal.aborted) throw new ContractError('CANCELLED', 'Cancelled', { retryable: true });
    const fileMatches = fileMatchesBefore + r.matches;
    matches += fileMatches;
    scanned = fileBase + resumedBytes + r.scannedBytes;
    job.checkpoint({ file, hits: unrecorded, scannedBytes: resumedBytes + r.scannedBytes, matches: fileMatches } satisfies SearchRecord);
  }
  return { matches, scannedBytes: scanned, truncated: matches > q.maxHits };
}
