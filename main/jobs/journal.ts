import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { ContractErrorData, JobProgress, JobState } from '../../contract';

/** One line of a job's journal. */
export type JournalRecord =
  | { readonly t: 'start'; readonly at: string; readonly kind: string; readonly input: unknown }
  | { readonly t: 'progress'; readonly at: string; readonly progress: Omit<JobProgress, 'data'> }
  | { readonly t: 'checkpoint'; readonly at: string; readonly data: unknown }
  | { readonly t: 'log'; readonly at: string; readonly line: string }
  | { readonly t: 'resume'; readonly at: string }
  | {
      readonly t: 'end';
      readonly at: string;
      readonly state: Exclude<JobState, 'running'>;
      readonly result?: unknown;
      readonly error?: ContractErrorData;
    };

/** The journal file of a job: `<jobsDir>/<id>/journal.jsonl`. */
export function journalPath(jobsDir: string, id: string): string {
  return join(jobsDir, id, 'journal.jsonl');
}

/**
 * An append-only journal: one JSON record per line, each written and fsynced before `append`
 * returns, so whatever the job recorded survives a crash of the process (or of the machine).
 */
export class Journal {
  private fd: number | null;

  constructor(readonly file: string) {
    mkdirSync(join(file, '..'), { recursive: true, mode: 0o700 });
    this.fd = openSync(file, 'a', 0o600);
  }

  /** Appends one record durably. */
  append(record: JournalRecord): void {
    if (this.fd === null) return;
    const line = Buffer.from(`${JSON.stringify(record)}\n`, 'utf8');
    let off = 0;
    while (off < line.length) off += writeSync(this.fd, line, off, line.length - off);
    fsyncSync(this.fd);
  }

  /** Closes the file; later appends are ignored. */
  close(): void {
    if (this.fd === null) return;
    closeSync(this.fd);
    this.fd = null;
  }
}

/**
 * Reads a journal back. A line cut short by a crash (the last one, unterminated or not JSON) is
 * skipped: every record before it was fsynced whole.
 */
export function readJournal(file: string): JournalRecord[] {
  if (!existsSync(file)) return [];
  const out: JournalRecord[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    try {
      const r = JSON.parse(line) as JournalRecord;
      if (r && typeof r === 'object' && typeof r.t === 'string') out.push(r);
    } catch {
      // A torn write at the end of a crashed run.
    }
  }
  return out;
}
