import type { Channel, Progress, Res } from './channels';
import type { JobProgress, JobSnapshot } from './channels/jobs';

/** Most hits a search job keeps for its snapshot (its count stays exact beyond it). */
export const MAX_SEARCH_HITS_KEPT = 5000;

type Merge<P> = (sofar: P | undefined, next: P) => P;

const concat =
  <K extends string, T>(key: K, cap = Infinity) =>
  (sofar: { readonly [k in K]: readonly T[] } | undefined, next: { readonly [k in K]: readonly T[] }) =>
    ({ [key]: [...(sofar?.[key] ?? []), ...next[key]].slice(0, cap) }) as { [k in K]: T[] };

/**
 * How each job kind's progress data adds up: reports carry increments (new search hits, new
 * refresh outcomes), snapshots the total. Kinds not listed replace the data with each report.
 * Shared by main (snapshots) and the renderer (applying events after a snapshot).
 */
const merges: { readonly [C in Channel]?: Merge<Progress<C>> } = {
  'logs:search': concat('hits', MAX_SEARCH_HITS_KEPT),
  'fleet:refresh': concat('outcomes'),
  'activity:correlate': concat('sources'),
};

/** Adds one progress report's data to what a job has reported so far. */
export function mergeProgressData(kind: string, sofar: unknown, next: unknown): unknown {
  const merge = (merges as Record<string, Merge<unknown> | undefined>)[kind];
  if (next === undefined) return sofar;
  return merge ? merge(sofar, next) : next;
}

/** A job snapshot typed by its channel. */
export type JobSnapshotOf<C extends Channel> = JobSnapshot<Progress<C>, Res<C>>;

/** A progress report typed by its channel. */
export type JobProgressOf<C extends Channel> = JobProgress<Progress<C>>;
