import type { JobSnapshot, JobState } from '../../contract';
import type { LogSearchHit, LogSearchProgressData, LogSearchResult } from '../../contract/channels/logs';
import { parseCommandArgs, UsageError, type Command } from './command';
import { cliRuntime, resumeCliJob } from './job-runtime';
import { hitPrinter } from './logs-search';

const HELP = `Usage: engine-console jobs list [--state STATE] [--json]
       engine-console jobs show <id> [--json]
       engine-console jobs resume <id> [--json]

Long work (log searches, fleet refreshes, Test connection, and later syncs and setup) runs as
jobs with a journal in the data folder (ENGINE_CONSOLE_DATA_DIR/jobs). A job cut off by a
crash or a closed terminal is listed as "interrupted"; one stopped with Ctrl+C as "cancelled".
Both can be resumed where they stopped.

Options:
  --state STATE  list only jobs in this state: running, succeeded, failed, cancelled, interrupted
  --json         print JSON (one object per job for list, the snapshot for show and resume)
  -h, --help     show this help`;

const STATES: readonly JobState[] = ['running', 'succeeded', 'failed', 'cancelled', 'interrupted'];

/** One line per job for `jobs list`. */
export function jobLine(j: JobSnapshot): string {
  const p = j.progress;
  const progress = p ? ` ${p.done}${p.total !== undefined ? `/${p.total}` : ''}` : '';
  const hint = j.resumable ? ' (resumable)' : '';
  return `${j.id}  ${j.kind}  ${j.state}${hint}  started ${j.startedAt}${progress}${j.error ? `  ${j.error.message}` : ''}`;
}

/** `engine-console jobs`: list, show and resume jobs. */
export const jobsCommand: Command = {
  name: 'jobs',
  summary: 'List, show and resume long-running jobs (log searches, refreshes, syncs)',
  help: HELP,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs(argv, { state: { type: 'string' }, json: { type: 'boolean' } }, true);
    if (values.help) {
      io.out(HELP);
      return 0;
    }
    const [sub, id, ...extra] = positionals;
    if (extra.length) throw new UsageError(`Unexpected argument "${extra[0]}"`);
    if (sub === 'list') {
      if (values.state !== undefined && !STATES.includes(values.state as JobState))
        throw new UsageError(`--state must be one of ${STATES.join(', ')}; got "${values.state}"`);
      const rt = await cliRuntime(io, { credentials: false });
      const list = rt.jobs.list({ ...(values.state ? { states: [values.state as JobState] } : {}), limit: 500 });
      await rt.close();
      if (values.json) for (const j of list) io.out(JSON.stringify(j));
      else if (!list.length) io.err('No jobs.');
      else for (const j of list) io.out(jobLine(j));
      return 0;
    }
    if (sub !== 'show' && sub !== 'resume')
      throw new UsageError(sub ? `Unknown jobs command "${sub}"` : 'Missing command: jobs list|show|resume');
    if (!id) throw new UsageError(`Missing <id>: engine-console jobs ${sub} <id>`);
    const peek = await cliRuntime(io, { credentials: false });
    const job = peek.jobs.get(id);
    if (sub === 'show') {
      await peek.close();
      io.out(values.json ? JSON.stringify(job) : [jobLine(job), ...job.log.map((l) => `  ${l}`)].join('\n'));
      return 0;
    }
    // Only a log search runs without the credential store; every other kind talks to a backend.
    const rt = job.kind === 'logs:search' ? peek : await cliRuntime(io, { credentials: true });
    const printer = hitPrinter(io, Boolean(values.json));
    const { code } = await resumeCliJob(rt, io, id, (e) => (job.kind === 'logs:search' ? printer.onEvent(e) : undefined));
    const after = rt.jobs.get(id);
    await Promise.all([rt.close(), ...(rt === peek ? [] : [peek.close()])]);
    if (values.json) io.out(JSON.stringify(after));
    else if (job.kind === 'logs:search' && after.result) {
      const r = after.result as LogSearchResult;
      const all = (after.progress?.data as LogSearchProgressData | undefined)?.hits ?? ([] as LogSearchHit[]);
      io.err(`${r.matches} matching line(s) in ${Math.round(r.scannedBytes / 1024)} KB (${all.length} listed).`);
    } else io.err(jobLine(after));
    return code;
  },
};
