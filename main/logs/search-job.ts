import { ContractError } from '../../contract';
import type { LogSearchHit, LogSearchProgressData, LogSearchResult } from '../../contract/channels/logs';
import type { JobContext } from '../jobs';
import { statOrNull } from './file-access';
import type { SearchQuery } from './search';

/** What a search job records after each file: enough to continue with the next one. */
interface FileDone {
  readonly file: number;
  readonly matches: number;
  readonly scannedBytes: number;
  readonly hits: readonly LogSearchHit[];
}

/** Searches one set of files (the log service's `search`). */
export type SearchFiles = (
  q: SearchQuery,
  signal: AbortSignal,
  onProgress: (done: number, total: number, hits: LogSearchHit[]) => void,
) => Promise<LogSearchResult>;

const MB = 1048576;

/**
 * A whole-file search as a resumable job: the files are searched in order, and each finished
 * file is a checkpoint (its count, bytes and hits), so a search cut off by a crash or Ctrl+C
 * continues with the next file and ends with the same result as one uninterrupted run.
 */
export async function runSearchJob(q: SearchQuery, job: JobContext<LogSearchProgressData>, search: SearchFiles): Promise<LogSearchResult> {
  const done = (job.checkpoints as FileDone[]).filter((c) => typeof c?.file === 'number');
  const sizes = await Promise.all(q.paths.map(async (p) => (await statOrNull(p).catch(() => null))?.size ?? 0));
  const total = sizes.reduce((a, b) => a + b, 0);
  let matches = done.reduce((a, c) => a + c.matches, 0);
  let scanned = done.reduce((a, c) => a + c.scannedBytes, 0);
  let kept = done.reduce((a, c) => a + c.hits.length, 0);
  const report = (hits: readonly LogSearchHit[]) =>
    job.report({ done: scanned, total, message: `Searched ${Math.round(scanned / MB)} of ${Math.round(total / MB)} MB`, data: { hits } });
  if (done.length) {
    job.log(`Resumed after ${done.length} of ${q.paths.length} file(s): ${matches} match(es) so far.`);
    report(done.flatMap((c) => c.hits));
  }
  const next = done.length ? Math.max(...done.map((c) => c.file)) + 1 : 0;
  for (let file = next; file < q.paths.length; file += 1) {
    if (job.signal.aborted) throw new ContractError('CANCELLED', 'Cancelled', { retryable: true });
    const path = q.paths[file]!;
    const fileHits: LogSearchHit[] = [];
    const before = scanned;
    const room = Math.max(0, q.maxHits - kept);
    const r = await search({ ...q, paths: [path], maxHits: Math.max(1, room) }, job.signal, (bytes, _t, hits) => {
      const fresh = hits.slice(0, Math.max(0, room - fileHits.length));
      fileHits.push(...fresh);
      scanned = before + bytes;
      report(fresh);
    });
    if (job.signal.aborted) throw new ContractError('CANCELLED', 'Cancelled', { retryable: true });
    matches += r.matches;
    scanned = before + r.scannedBytes;
    kept += fileHits.length;
    job.checkpoint({ file, matches: r.matches, scannedBytes: r.scannedBytes, hits: fileHits } satisfies FileDone);
  }
  return { matches, scannedBytes: scanned, truncated: matches > q.maxHits };
}
