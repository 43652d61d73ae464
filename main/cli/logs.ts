import type { LogEntry, LogLevel } from '../../contract/channels/logs';
import { atLeast, normaliseLevel } from '../logs/levels';
import { LogService } from '../logs/service';
import { resolveLogSource } from '../logs/source';
import { findCacheLogProfile, readCacheLogProfiles } from '../connections/cache-log-paths';
import { resolveDataDir } from '../settings/data-dir';
import { parseCommandArgs, UsageError, type CliIO, type Command } from './command';
import { errorMessage } from '../shared/errors';
import { runLogsSearch, SEARCH_HELP } from './logs-search';

const HELP = `Usage: engine-console logs tail <path> [--level LEVEL] [--grep RE] [--lines N] [--no-follow]
       engine-console logs tail --cache NAME [--level LEVEL] [--grep RE] [--lines N] [--no-follow]

Prints the newest entries of a log and follows new lines until Ctrl+C. Rolled files
(SSDE.log → SSDE.log.1, credcache-20250131.log → credcache-20250201.log), truncation and
re-creation are followed without losing or repeating lines. UTF-8 and UTF-16 (BOM), CRLF.

<path> may be:
  a log file                         e.g. "C:\\Program Files\\Thycotic Software Ltd\\Distributed Engine\\log\\SSDE.log"
  a log folder                       the most recently written file is followed
  a Credentials Cache install folder or its appsettings.json (LogPath is read from it)

Options:
  --cache NAME   tail the log of the Credentials Cache connection profile NAME (case-insensitive),
                 using its "Log folder (LogPath)" setting; profiles come from the data folder
                 (ENGINE_CONSOLE_DATA_DIR), no passphrase needed
  --level LEVEL  show entries at this level or above: trace, debug, info, warn, error, fatal
                 (entries without a level, as in unknown formats, are hidden)
  --grep RE      show entries whose text matches the regular expression (case-insensitive)
  --lines N      how many of the newest lines to print first (default 20, 0 for none)
  --no-follow    print and exit instead of following
  -h, --help     show this help`;

/** The path `--cache NAME` stands for, or the exit code after saying why there is none. */
function cacheLogPath(name: string, io: CliIO): string | number {
  const dataDir = resolveDataDir(io.env);
  const found = findCacheLogProfile(readCacheLogProfiles(dataDir), name);
  switch (found.kind) {
    case 'found':
      return found.logPath;
    case 'no-log-path':
      io.err(
        `The Credentials Cache profile "${found.name}" has no log source. Set its "Log folder (LogPath)" on the ` +
          'Connections screen (the LogPath folder, the install folder or its appsettings.json), or pass a path instead of --cache.',
      );
      return 1;
    case 'unknown':
      io.err(
        found.known.length
          ? `No Credentials Cache profile named "${name}". Known: ${found.known.map((n) => `"${n}"`).join(', ')}.`
          : `No Credentials Cache profile named "${name}": there are none in ${dataDir}. Add one on the Connections screen.`,
      );
      return 1;
  }
}

/** Builds the entry filter of `--level` and `--grep`. */
export function entryFilter(level: string | undefined, grep: string | undefined): (e: LogEntry) => boolean {
  let min: LogLevel | undefined;
  if (level !== undefined) {
    min = normaliseLevel(level);
    if (!min) throw new UsageError(`--level must be one of trace, debug, info, warn, error, fatal; got "${level}"`);
  }
  let re: RegExp | undefined;
  if (grep !== undefined) {
    try {
      re = new RegExp(grep, 'i');
    } catch (err) {
      throw new UsageError(`--grep is not a valid regular expression: ${errorMessage(err)}`);
    }
  }
  return (e) => (!min || atLeast(e.level, min)) && (!re || re.test(e.text));
}

/** `engine-console logs tail`: the live tail on the command line. */
export const logsCommand: Command = {
  name: 'logs',
  summary: 'Tail and follow, or search, a log file, log folder or Credentials Cache LogPath',
  help: HELP,
  async run(argv, io) {
    if (argv[0] === 'search') return runLogsSearch(argv, io);
    const { values, positionals } = parseCommandArgs(
      argv,
      {
        cache: { type: 'string' },
        level: { type: 'string' },
        grep: { type: 'string' },
        lines: { type: 'string' },
        'no-follow': { type: 'boolean' },
      },
      true,
    );
    if (values.help) {
      io.out(`${HELP}\n\n${SEARCH_HELP}`);
      return 0;
    }
    const [sub, path, ...extra] = positionals;
    if (sub !== 'tail')
      throw new UsageError(
        sub ? `Unknown logs command "${sub}" (tail or search)` : 'Missing command: logs tail <path> or logs search <path> <pattern>',
      );
    if (path !== undefined && values.cache !== undefined) throw new UsageError('Give either <path> or --cache NAME, not both');
    if (path === undefined && values.cache === undefined)
      throw new UsageError('Missing <path> (a log file, a log folder or a Credentials Cache folder) or --cache NAME');
    if (extra.length) throw new UsageError(`Unexpected argument "${extra[0]}"`);
    if (values.cache !== undefined && !values.cache.trim()) throw new UsageError('--cache needs a profile name');
    const count = values.lines === undefined ? 20 : Number(values.lines);
    if (!Number.isInteger(count) || count < 0 || count > 5000)
      throw new UsageError(`--lines must be a whole number from 0 to 5000, got "${values.lines}"`);
    const keep = entryFilter(values.level, values.grep);
    const target = path ?? cacheLogPath(values.cache!, io);
    if (typeof target === 'number') return target;

    const source = await resolveLogSource(target);
    for (const w of source.warnings) io.err(`warning: ${w.message}`);
    if (!source.current) {
      io.err(`No log file to read in ${source.folder ?? target}.`);
      return 1;
    }
    const service = new LogService();
    const page = await service.tail(source.current, Math.max(count, 1));
    const first = count === 0 ? [] : page.entries.filter(keep);
    for (const e of first.slice(-count)) io.out(e.text);
    if (values['no-follow']) return 0;

    io.err(`Following ${source.current} (Ctrl+C to stop)`);
    service.follow(source.current, page.end, page.fileId, (batch) => {
      if (batch.reset === 'truncated') io.err(`--- ${batch.path} was truncated; reading it from the start ---`);
      if (batch.reset === 'rotated' || batch.reset === 'switched') io.err(`--- now following ${batch.path} ---`);
      for (const e of batch.entries) if (keep(e)) io.out(e.text);
    });
    // Follower timers are unref'd; this keeps the process running until Ctrl+C.
    const keepAlive = setInterval(() => undefined, 1 << 30);
    try {
      await io.stopped();
    } finally {
      clearInterval(keepAlive);
      await service.close();
    }
    return 0;
  },
};
