import { ContractError } from '../../contract';
import { RUN_STATUSES, type RunRow, type RunStatus } from '../../contract/channels/activity';
import { CSV_COLUMNS, csvLine } from '../activity/export';
import { listPolicies } from '../secret-server';
import { parseCommandArgs, UsageError, type CliIO, type Command } from './command';
import { cliRuntime, type CliRuntime } from './job-runtime';

const HELP = `Usage: engine-console runs list [--status failed] [--since 24h] [--policy NAME] [--secret ID] [--limit N] [--json | --format csv]
       engine-console runs show RUN_ID [--window MINUTES] [--engine-log PATH] [--json]

Event pipeline runs of Secret Server (newest first), read page by page with Secret Server
sorting and filtering them, and one run in detail: its tasks with notes, the probable cause
with its fix, and the Credentials Cache and Distributed Engine log lines around it.

Options:
  --profile NAME     the Secret Server profile to read (needed when there are several)
  --status LIST      statuses, comma-separated: failed, success, skipped, processing, pending, scheduled
  --since AGE        only runs of the last AGE: 30m, 24h, 7d
  --policy NAME      only runs of this event pipeline policy
  --secret ID|TEXT   a secret id, or part of a secret name
  --limit N          rows to print at most (default 100)
  --format csv       print CSV (the columns of the console's export)
  --window MINUTES   show: minutes of log around the run (default 2)
  --engine-log PATH  show: the Distributed Engine log folder or file (default: the vendor's folder)
  --json             print JSON
  -h, --help         show this help

Exit codes: 0 done, 1 Secret Server could not be read (the message names the profile), 2 usage.`;

const OPTIONS = {
  profile: { type: 'string' },
  status: { type: 'string' },
  since: { type: 'string' },
  policy: { type: 'string' },
  secret: { type: 'string' },
  limit: { type: 'string' },
  format: { type: 'string' },
  window: { type: 'string' },
  'engine-log': { type: 'string' },
  json: { type: 'boolean' },
} as const;

/** `30m`, `24h`, `7d` → milliseconds. */
export function parseAge(text: string): number {
  const m = /^(\d+)\s*([mhd])$/i.exec(text.trim());
  if (!m) throw new UsageError(`--since takes an age such as 30m, 24h or 7d, got "${text}"`);
  return Number(m[1]) * { m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2]!.toLowerCase() as 'm' | 'h' | 'd'];
}

function parseStatuses(text: string): RunStatus[] {
  return text.split(',').map((s) => {
    const found = RUN_STATUSES.find((x) => x.toLowerCase() === s.trim().toLowerCase());
    if (!found) throw new UsageError(`Unknown status "${s}": use ${RUN_STATUSES.join(', ').toLowerCase()}`);
    return found;
  });
}

function positive(text: string | undefined, flag: string, fallback: number, max: number): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > max) throw new UsageError(`${flag} must be a whole number from 1 to ${max}, got "${text}"`);
  return n;
}

/** `engine-console runs`. */
export const runsCommand: Command = {
  name: 'runs',
  summary: 'Event pipeline runs: list them, or show one with its cause and log lines',
  help: HELP,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs(argv, OPTIONS, true);
    if (values.help || !positionals.length) {
      io.out(HELP);
      return values.help ? 0 : 2;
    }
    const [verb, arg, ...extra] = positionals;
    if (extra.length) throw new UsageError(`Unexpected argument "${extra[0]}"`);
    if (values.format !== undefined && values.format !== 'csv') throw new UsageError('--format takes csv');
    if (values.format && values.json) throw new UsageError('Use one of --json and --format csv');
    if (verb === 'list') {
      if (arg) throw new UsageError(`Unexpected argument "${arg}"`);
      const filter = {
        ...(values.status ? { statuses: parseStatuses(values.status) } : {}),
        ...(values.since ? { from: new Date(Date.now() - parseAge(values.since)).toISOString() } : {}),
        ...(values.secret ? { secret: values.secret } : {}),
      };
      const limit = positive(values.limit, '--limit', 100, 100_000);
      return withRuntime(io, (rt) => list(rt, io, values, filter, limit));
    }
    if (verb === 'show') {
      if (!arg) throw new UsageError('Give the run id: engine-console runs show RUN_ID');
      const window = positive(values.window, '--window', 2, 240);
      return withRuntime(io, (rt) => show(rt, io, arg, values, window));
    }
    throw new UsageError(`Unknown runs command "${verb}"`);
  },
};

/** The Secret Server profile of `--profile`, or the only one; a missing or ambiguous choice is a usage error. */
function pickProfile(rt: CliRuntime, name: string | undefined) {
  try {
    return rt.services.activity.profile(name);
  } catch (err) {
    if (err instanceof ContractError && err.details?.field === 'profileId') throw new UsageError(`${err.message} Use --profile NAME.`);
    throw err;
  }
}

async function withRuntime(io: CliIO, fn: (rt: CliRuntime) => Promise<number>): Promise<number> {
  const rt = await cliRuntime(io, { credentials: true });
  try {
    return await fn(rt);
  } finally {
    await rt.close();
  }
}

type Values = ReturnType<typeof parseCommandArgs<typeof OPTIONS>>['values'];

async function list(
  rt: CliRuntime,
  io: CliIO,
  values: Values,
  filter: { statuses?: RunStatus[]; from?: string; secret?: string },
  limit: number,
): Promise<number> {
  const activity = rt.services.activity;
  const profile = pickProfile(rt, values.profile);
  let policyId: number | undefined;
  if (values.policy) {
    const policies = await listPolicies(await rt.services.clients.secretServer(profile.id));
    const p = policies.find((x) => (x.eventPipelinePolicyName ?? '').toLowerCase() === values.policy!.toLowerCase());
    if (!p)
      throw new UsageError(
        `No event pipeline policy named "${values.policy}" in "${profile.name}". Known: ${policies.map((x) => `"${x.eventPipelinePolicyName}"`).join(', ') || 'none'}.`,
      );
    policyId = p.eventPipelinePolicyId;
  }
  const rows: RunRow[] = [];
  let total = 0;
  let exact = true;
  const pageSize = Math.min(500, limit);
  for (let page = 0; rows.length < limit; page++) {
    const got = await activity.runs({
      ...filter,
      profileId: profile.id,
      failedOnly: false,
      ...(policyId !== undefined ? { policyId } : {}),
      page,
      pageSize,
      sort: { field: 'eventTime', direction: 'desc' },
    });
    rows.push(...got.rows.slice(0, limit - rows.length));
    total = got.total;
    exact = got.totalExact;
    if (!got.hasMore) break;
  }
  if (values.json) io.out(JSON.stringify({ profile: { id: profile.id, name: profile.name }, total, totalExact: exact, rows }));
  else if (values.format === 'csv') {
    io.out(CSV_COLUMNS.join(','));
    for (const r of rows) io.out(csvLine(r));
  } else {
    for (const r of rows)
      io.out(
        [
          r.eventTime,
          r.status.padEnd(10),
          r.runId,
          `${r.secret.id} ${r.secret.name}`,
          '|',
          r.policies.map((p) => p.name).join(', ') || r.pipeline.name,
        ].join(' '),
      );
    io.err(`${rows.length} of ${exact ? total : `${total}+`} run(s) from "${profile.name}".`);
  }
  return 0;
}

async function show(rt: CliRuntime, io: CliIO, runId: string, values: Values, windowMinutes: number): Promise<number> {
  if (!/^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i.test(runId))
    throw new UsageError(`"${runId}" is not a run id (a GUID such as 0f8fad5b-d9cb-469f-a165-70867728950e)`);
  const activity = rt.services.activity;
  const profileId = pickProfile(rt, values.profile).id;
  const detail = await activity.run({ profileId, runId });
  const c = await activity.correlate(
    { profileId, runId, windowMinutes, maxLinesPerSource: 500, ...(values['engine-log'] ? { engineLogPath: values['engine-log'] } : {}) },
    undefined,
    undefined,
    detail,
  );
  const cause = c.cause ? { code: c.cause.code, title: c.cause.title, fix: c.cause.fix } : null;
  const lines = c.lines.map((l) => ({
    instance: l.instance,
    file: l.path,
    line: l.line ?? null,
    offset: l.offset,
    time: l.time,
    level: l.level,
    text: l.text,
  }));
  if (values.json) {
    io.out(
      JSON.stringify({
        run: detail.run,
        tasks: detail.tasks,
        secret: detail.secret,
        site: detail.site,
        cause,
        evidence: c.cause?.evidence ?? [],
        lines,
        sources: c.sources,
      }),
    );
    return 0;
  }
  const r = detail.run;
  io.out(`Run ${r.runId}: ${r.status}`);
  io.out(`  Pipeline ${r.pipeline.name}; policies ${r.policies.map((p) => p.name).join(', ') || '—'}`);
  io.out(`  Secret ${r.secret.id} ${r.secret.name}  ${detail.secret.url}`);
  io.out(`  ${r.trigger} at ${r.eventTime}; ended ${r.endedAt ?? '—'}; site ${r.site?.name ?? '—'}`);
  io.out('Tasks:');
  for (const t of detail.tasks) {
    io.out(`  ${t.order}. ${t.name}: ${t.status}`);
    for (const l of t.notes.split(/\r?\n/).filter(Boolean)) io.out(`       ${l}`);
  }
  io.out(cause ? `Cause: [${cause.code}] ${cause.title}\nFix: ${cause.fix}` : 'Cause: none (clean success or still running).');
  io.out(`Log lines ±${windowMinutes} min:`);
  for (const l of lines) io.out(`  [${l.instance}] ${l.file}:${l.line ?? `@${l.offset}`} ${l.text.split('\n')[0]}`);
  for (const s of c.sources.filter((x) => x.status !== 'ok')) io.out(`  (${s.instance}: ${s.message})`);
  return 0;
}
