import { z } from 'zod';
import type { CachePipelineInputs, WizardView } from '../../contract/channels/setup';
import { readRegularFile } from '../shared/regular-file';
import { parseCommandArgs, UsageError, type CliIO, type Command } from './command';
import { cliRuntime, runCliJob, type CliRuntime } from './job-runtime';

const HELP = `Usage: engine-console setup pipeline plan|apply|verify --config FILE [--json] [--yes]

The setup wizard of the event pipeline that refreshes every Credentials Cache when a password
changes (seed 000), for hosts without a desktop. The same steps as the console's wizard:
  1 application account and role   2 template and secret   3 PowerShell script
  4 event pipeline policy          5 sites                 6 verify end to end

  plan    checks the live state and prints what would change (changes nothing)
  apply   plans, shows the changes and applies them after you confirm (or with --yes);
          without --yes and without a terminal it refuses
  verify  checks every step again and, on a canary secret, changes the password, waits for the
          runs and confirms every Credentials Cache logged the refresh. Exit code 0 only when
          every step is verified.

FILE is JSON:
  {
    "secretServer": "Prod SS admin",          Secret Server profile name (an account allowed to
                                              administer roles, templates, scripts, pipelines)
    "applicationAccount": "svc-credcache",    user name of the application account
    "folder": "\\\\Integrations",              folder (path) for the connection secrets
    "site": "Default",                        Distributed Engine site that runs the script
    "credentialsCache": ["Cache HQ"],         Credentials Cache profile names
    optional:
    "targetFolders": ["\\\\Applications"],     folders the policy targets (default: folder)
    "roleName", "templateName", "scriptName", "policyName"   names (defaults as in the console)
    "breakInheritance": true,                 agree to break inheritance on the connection secrets
    "labSkipCertificateCheck": false,         LAB ONLY: the script skips certificate checks
    "canarySecretId": 1234                    canary for verify (default: one the wizard creates)
  }

Options:
  --config FILE  the JSON above (required)
  --json         print the wizard state as one JSON object
  --yes          apply without asking
  -h, --help     show this help`;

const configSchema = z
  .object({
    secretServer: z.string().trim().min(1),
    applicationAccount: z.string().trim().min(1),
    folder: z.string().trim().min(1),
    site: z.string().trim().min(1),
    credentialsCache: z.array(z.string().trim().min(1)).min(1),
    targetFolders: z.array(z.string().trim().min(1)).min(1).optional(),
    roleName: z.string().trim().min(1).optional(),
    templateName: z.string().trim().min(1).optional(),
    scriptName: z.string().trim().min(1).optional(),
    policyName: z.string().trim().min(1).optional(),
    breakInheritance: z.boolean().optional(),
    labSkipCertificateCheck: z.boolean().optional(),
    canarySecretId: z.number().int().positive().optional(),
  })
  .strict();

/** Reads and checks the config file; errors name the file and the field. */
async function readConfig(path: string): Promise<z.infer<typeof configSchema>> {
  const text = (await readRegularFile(path, { field: 'config', maxBytes: 1_000_000, what: 'config file' })).toString('utf8');
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new UsageError(`${path} is not JSON: ${(err as Error).message}`);
  }
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UsageError(`${path}: ${issue?.path.join('.') || '(top level)'}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data;
}

/** Profile names → the wizard inputs. */
function inputsOf(
  rt: CliRuntime,
  cfg: z.infer<typeof configSchema>,
): Omit<CachePipelineInputs, 'roleName' | 'templateName' | 'scriptName' | 'policyName' | 'breakInheritance' | 'labSkipCertificateCheck'> &
  Partial<CachePipelineInputs> {
  const profiles = rt.services.connections.store.list();
  const byName = (kind: string, name: string, field: string) => {
    const p = profiles.find((x) => x.kind === kind && x.name.toLowerCase() === name.toLowerCase());
    if (!p) throw new UsageError(`${field}: no ${kind} profile named "${name}" (engine-console profiles list).`);
    return p.id;
  };
  const { secretServer, credentialsCache, ...rest } = cfg;
  return {
    ...rest,
    secretServerProfileId: byName('secret-server', secretServer, 'secretServer'),
    credentialsCacheProfileIds: credentialsCache.map((n) => byName('credentials-cache', n, 'credentialsCache')),
  };
}

function printView(io: CliIO, view: WizardView, verbose: boolean): void {
  for (const [i, s] of view.steps.entries()) {
    io.out(`${i + 1}. ${s.title}: ${s.status}`);
    for (const f of s.findings) if (verbose || f.level !== 'info') io.out(`     ${f.level === 'info' ? '' : `${f.level}: `}${f.text}`);
    for (const c of s.changes)
      if (c.action !== 'unchanged') io.out(`     ${c.action.padEnd(7)} ${c.target}${c.reason ? ` — ${c.reason}` : ''}`);
    if (s.manual) {
      io.out(`     manual: ${s.manual.reason}`);
      s.manual.steps.forEach((m, n) => io.out(`       ${n + 1}. ${m.split('\n')[0]}`));
    }
    if (s.error) io.out(`     error: ${s.error.message}`);
  }
  if (view.verification) io.out(`Verification: ${view.verification.message}`);
}

const applicable = (v: WizardView) =>
  v.steps.flatMap((s) => s.changes.filter((c) => c.action === 'create' || c.action === 'update').map((c) => c.key));

async function run(
  rt: CliRuntime,
  io: CliIO,
  action: string,
  cfg: z.infer<typeof configSchema>,
  opts: { json: boolean; yes: boolean },
): Promise<number> {
  const inputs = inputsOf(rt, cfg);
  // The same inputs as stored keep the steps' state (setup:inputs only resets on a change).
  const wanted = await rt.router.dispatch('setup:inputs', { wizardId: 'cache-pipeline', inputs }, {});
  if (!wanted.ok) throw new UsageError(wanted.error.message);
  const quiet = () => undefined;
  if (action === 'verify') {
    const { code, result } = await runCliJob(
      rt,
      io,
      'setup:verify',
      { wizardId: 'cache-pipeline' },
      (e) => e.type === 'progress' && !opts.json && io.err(`  ${rt.jobs.get(e.jobId)?.progress?.message ?? ''}`),
    );
    if (!result) return code;
    if (opts.json) io.out(JSON.stringify(result));
    else printView(io, result, false);
    return result.steps.every((s) => s.status === 'verified') && result.verification?.ok ? 0 : 1;
  }
  const planned = await runCliJob(rt, io, 'setup:plan', { wizardId: 'cache-pipeline' }, quiet);
  if (!planned.result) return planned.code;
  const keys = applicable(planned.result);
  if (action === 'plan' || !keys.length) {
    if (opts.json) io.out(JSON.stringify(planned.result));
    else printView(io, planned.result, action === 'plan');
    if (action === 'apply' && !keys.length) io.err('Nothing to change.');
    return 0;
  }
  if (!opts.json) printView(io, planned.result, false);
  if (!opts.yes) {
    if (!io.terminal) {
      io.err('Refusing to apply without --yes: there is no terminal to confirm on.');
      return 2;
    }
    const answer = await io.terminal.hidden(`Apply these ${keys.length} change(s)? Type "yes" to go on: `);
    if (answer.trim().toLowerCase() !== 'yes') {
      io.err('Nothing applied.');
      return 1;
    }
  }
  const applied = await runCliJob(
    rt,
    io,
    'setup:apply',
    { wizardId: 'cache-pipeline', planId: planned.result.planId ?? '', confirmed: keys },
    (e) => e.type === 'progress' && !opts.json && io.err(`  ${rt.jobs.get(e.jobId)?.progress?.message ?? ''}`),
  );
  if (!applied.result) return applied.code;
  if (opts.json) io.out(JSON.stringify(applied.result));
  else printView(io, applied.result, false);
  return (applied.result.lastApply?.failed ?? 0) > 0 ? 1 : 0;
}

/** `engine-console setup pipeline plan|apply|verify`: the seed 000 wizard on the command line. */
export const setupCommand: Command = {
  name: 'setup',
  summary: 'Set up the event pipeline that refreshes every Credentials Cache (plan, apply, verify)',
  help: HELP,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs(
      argv,
      { config: { type: 'string' }, json: { type: 'boolean' }, yes: { type: 'boolean' } },
      true,
    );
    if (values.help) {
      io.out(HELP);
      return 0;
    }
    const [what, action] = positionals;
    if (what !== 'pipeline' || !['plan', 'apply', 'verify'].includes(action ?? '') || positionals.length > 2)
      throw new UsageError('expected: setup pipeline plan|apply|verify --config FILE');
    if (!values.config) throw new UsageError('--config FILE is required');
    const cfg = await readConfig(values.config);
    const rt = await cliRuntime(io, { credentials: true });
    try {
      return await run(rt, io, action ?? '', cfg, { json: values.json === true, yes: values.yes === true });
    } finally {
      await rt.close();
    }
  },
};
