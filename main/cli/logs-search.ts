import type { JobEvent } from '../../contract';
import type { LogSearchHit, LogSearchProgressData } from '../../contract/channels/logs';
import { resolveLogSource } from '../logs/source';
import { parseCommandArgs, UsageError, type CliIO } from './command';
import { cliRuntime, runCliJob } from './job-runtime';

/** Help of `logs search`. */
export const SEARCH_HELP = `Usage: engine-console logs search <path> <pattern> [--regex] [--case-sensitive] [--max-hits N] [--json]

Searches every file of a log (a file, a folder's rolling set, a Credentials Cache LogPath) for
a text or a regular expression, and prints the matching lines as "file:line: text". Runs as a
job: Ctrl+C cancels it and \`engine-console jobs resume <id>\` continues where it stopped.

Options:
  --regex           the pattern is a regular expression (JavaScript syntax)
  --case-sensitive  match case (default: ignore case)
  --max-hits N      lines to print at most (default 5000; the count stays exact beyond it)
  --json            print one JSON object {"jobId","matches","scannedBytes","truncated","hits"} at the end
  -h, --help        show this help`;

/** Prints the hits of a search job as they arrive. */
export function hitPrinter(io: CliIO, json: boolean) {
  const hits: LogSearchHit[] = [];
  return {
    hits,
    onEvent(e: JobEvent) {
      const batch = (e.progress?.data as LogSearchProgressData | undefined)?.hits ?? [];
      for (const h of batch) {
        hits.push(h);
        if (!json) io.out(`${h.path}:${h.line ?? '?'}: ${h.text}`);
      }
    },
  };
}

/** `engine-console logs search`. */
export async function runLogsSearch(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    argv,
    { regex: { type: 'boolean' }, 'case-sensitive': { type: 'boolean' }, 'max-hits': { type: 'string' }, json: { type: 'boolean' } },
    true,
  );
  if (values.help) {
    io.out(SEARCH_HELP);
    return 0;
  }
  const [, path, pattern, ...extra] = positionals;
  if (!path || pattern === undefined) throw new UsageError('Usage: logs search <path> <pattern>');
  if (extra.length) throw new UsageError(`Unexpected argument "${extra[0]}"`);
  const maxHits = values['max-hits'] === undefined ? 5000 : Number(values['max-hits']);
  if (!Number.isInteger(maxHits) || maxHits < 1 || maxHits > 100_000)
    throw new UsageError(`--max-hits must be a whole number from 1 to 100000, got "${values['max-hits']}"`);
  const source = await resolveLogSource(path);
  for (const w of source.warnings) io.err(`warning: ${w.message}`);
  const paths = source.sets.flatMap((s) => s.files.map((f) => f.path));
  if (!paths.length) {
    io.err(`No log file to search in ${source.folder ?? path}.`);
    return 1;
  }
  const rt = await cliRuntime(io, { credentials: false });
  const printer = hitPrinter(io, Boolean(values.json));
  const payload = { paths, pattern, regex: Boolean(values.regex), caseSensitive: Boolean(values['case-sensitive']), maxHits };
  const { code, jobId, result } = await runCliJob(rt, io, 'logs:search', payload, (e) => printer.onEvent(e)).finally(() => rt.close());
  if (result) {
    if (values.json) io.out(JSON.stringify({ jobId, ...result, hits: printer.hits }));
    else
      io.err(
        `${result.matches} matching line(s) in ${Math.round(result.scannedBytes / 1024)} KB${result.truncated ? ' (listing cut at --max-hits)' : ''}.`,
      );
  }
  return code;
}
