export { JobManager, type JobManagerOptions } from './manager';
export type { JobContext, JobHandle, JobKind, JobOutcome, JobRun, StartOptions } from './types';
export { Journal, journalPath, readJournal, type JournalRecord } from './journal';
