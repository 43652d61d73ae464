import type { DiagnosticsResult, ProfileInput, ProfileView } from '../../contract/channels/connections';
import { parseCommandArgs, UsageError, type CliIO, type Command } from './command';
import { cliRuntime, runCliJob, type CliRuntime } from './job-runtime';

/** Environment variables a secret may come from instead of standard input. */
export const SECRET_ENV = { password: 'ENGINE_CONSOLE_PROFILE_PASSWORD', secretAccessKey: 'ENGINE_CONSOLE_SECRET_ACCESS_KEY' } as const;

const HELP = `Usage: engine-console profiles list [--json]
       engine-console profiles add secret-server --name N --url URL --username U [--domain D] [--password-stdin]
       engine-console profiles add aws --name N --region R [--endpoint URL]
                 (--access-key-id ID [--secret-access-key-stdin] | --from-secret-server PROFILE --secret-id N | --default-chain)
       engine-console profiles add credentials-cache --name N --url URL --secret-server PROFILE [--log-path P] [--site S]
       engine-console profiles remove NAME
       engine-console profiles test NAME [--json]

Configures the connection profiles of the data folder (ENGINE_CONSOLE_DATA_DIR) from a script.
Credentials go to the encrypted credential store (ENGINE_CONSOLE_PASSPHRASE opens it).

Passwords and secret access keys are never taken from the argument list (it shows in process
lists and shell history): they are read from standard input with --password-stdin or
--secret-access-key-stdin, or from the environment variables ${SECRET_ENV.password} and
${SECRET_ENV.secretAccessKey}.

Options:
  --endpoint URL     a custom AWS endpoint (VPC interface endpoint, FIPS endpoint)
  --ca-file PATH     PEM file of extra CA certificates trusted for this profile
  --json             list / test: print JSON
  -h, --help         show this help`;

const OPTIONS = {
  name: { type: 'string' },
  url: { type: 'string' },
  username: { type: 'string' },
  domain: { type: 'string' },
  region: { type: 'string' },
  endpoint: { type: 'string' },
  'access-key-id': { type: 'string' },
  'from-secret-server': { type: 'string' },
  'secret-id': { type: 'string' },
  'default-chain': { type: 'boolean' },
  'secret-server': { type: 'string' },
  'log-path': { type: 'string' },
  site: { type: 'string' },
  'ca-file': { type: 'string' },
  'password-stdin': { type: 'boolean' },
  'secret-access-key-stdin': { type: 'boolean' },
  json: { type: 'boolean' },
} as const;

type Values = ReturnType<typeof parseCommandArgs<typeof OPTIONS>>['values'];

/** `engine-console profiles`. */
export const profilesCommand: Command = {
  name: 'profiles',
  summary: 'List, add, remove and test connection profiles (for scripts and hosts without a desktop)',
  help: HELP,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs(argv, OPTIONS, true);
    if (values.help || !positionals.length) {
      io.out(HELP);
      return values.help ? 0 : 2;
    }
    const [verb, arg, ...extra] = positionals;
    if (extra.length) throw new UsageError(`Unexpected argument "${extra[0]}"`);
    if (verb !== 'list' && verb !== 'add' && verb !== 'remove' && verb !== 'test')
      throw new UsageError(`Unknown profiles command "${verb}"`);
    const secret = verb === 'add' ? await readSecret(values, arg, io) : undefined;
    const rt = await cliRuntime(io, { credentials: true });
    try {
      if (verb === 'list') return list(rt, io, Boolean(values.json));
      if (!arg) throw new UsageError(verb === 'add' ? 'Say which kind: secret-server, aws or credentials-cache' : 'Give the profile name');
      if (verb === 'add') return add(rt, io, arg, values, secret);
      const p = byName(rt, arg);
      if (verb === 'remove') {
        rt.services.connections.delete(p.id);
        io.out(`Removed ${p.kind} profile "${p.name}".`);
        return 0;
      }
      return await test(rt, io, p, Boolean(values.json));
    } finally {
      await rt.close();
    }
  },
};

/** The secret of an `add`: from standard input when asked, else the environment; never from argv. */
async function readSecret(values: Values, kind: string | undefined, io: CliIO): Promise<string | undefined> {
  const fromStdin = values['password-stdin'] || values['secret-access-key-stdin'];
  if (values['password-stdin'] && values['secret-access-key-stdin'])
    throw new UsageError('Use one of --password-stdin and --secret-access-key-stdin');
  if (values['secret-access-key-stdin'] && kind !== 'aws') throw new UsageError('--secret-access-key-stdin is for aws profiles');
  if (values['password-stdin'] && kind === 'aws')
    throw new UsageError('An aws profile takes --secret-access-key-stdin, not --password-stdin');
  if (fromStdin) {
    if (!io.readStdin) throw new UsageError('Standard input cannot be read here');
    const text = (await io.readStdin()).replace(/\r?\n$/, '');
    if (!text) throw new UsageError('Standard input was empty: pipe the secret in, e.g. printf %s "$PW" | engine-console profiles add …');
    return text;
  }
  const env = kind === 'aws' ? SECRET_ENV.secretAccessKey : SECRET_ENV.password;
  return io.env[env] || undefined;
}

function required(values: Values, key: keyof Values, flag = `--${String(key)}`): string {
  const v = values[key];
  if (typeof v !== 'string' || !v.trim()) throw new UsageError(`${flag} is required`);
  return v;
}

function byName(rt: CliRuntime, name: string, kind?: ProfileView['kind']): ProfileView {
  const all = rt.services.connections.list().filter((p) => !kind || p.kind === kind);
  const p = all.find((x) => x.name.toLowerCase() === name.toLowerCase());
  if (!p)
    throw new UsageError(
      `No ${kind ?? ''}${kind ? ' ' : ''}profile named "${name}". Known: ${all.map((x) => `"${x.name}"`).join(', ') || 'none'}.`,
    );
  return p;
}

function add(rt: CliRuntime, io: CliIO, kind: string, values: Values, secret: string | undefined): number {
  const common = { name: required(values, 'name'), ...(values['ca-file'] ? { caFile: values['ca-file'] } : {}) };
  let input: ProfileInput;
  if (kind === 'secret-server') {
    input = {
      kind,
      ...common,
      baseUrl: required(values, 'url'),
      username: required(values, 'username'),
      ...(values.domain ? { domain: values.domain } : {}),
      ...(secret ? { password: secret } : {}),
    };
  } else if (kind === 'aws') {
    const sources = [values['access-key-id'], values['from-secret-server'], values['default-chain']].filter(Boolean).length;
    if (sources !== 1) throw new UsageError('Give exactly one of --access-key-id, --from-secret-server or --default-chain');
    const base = {
      kind,
      ...common,
      region: required(values, 'region'),
      ...(values.endpoint ? { endpoint: values.endpoint } : {}),
    } as const;
    if (values['access-key-id']) {
      if (!secret) throw new UsageError(`Give the secret access key with --secret-access-key-stdin or ${SECRET_ENV.secretAccessKey}`);
      input = { ...base, credentialSource: 'static', accessKeyId: values['access-key-id'], secretAccessKey: secret };
    } else if (values['from-secret-server']) {
      const id = Number(required(values, 'secret-id'));
      if (!Number.isInteger(id) || id <= 0) throw new UsageError('--secret-id must be a positive whole number');
      const ss = byName(rt, values['from-secret-server'], 'secret-server');
      input = { ...base, credentialSource: 'secret-server', secretServerProfileId: ss.id, secretId: id };
    } else {
      input = { ...base, credentialSource: 'default-chain' };
    }
  } else if (kind === 'credentials-cache') {
    const ss = byName(rt, required(values, 'secret-server'), 'secret-server');
    input = {
      kind,
      ...common,
      url: required(values, 'url'),
      secretServerProfileId: ss.id,
      ...(values['log-path'] ? { logPath: values['log-path'] } : {}),
      ...(values.site ? { siteLabel: values.site } : {}),
    };
  } else {
    throw new UsageError(`Unknown profile kind "${kind}": use secret-server, aws or credentials-cache`);
  }
  const created = rt.services.connections.create(input);
  io.out(`Added ${created.kind} profile "${created.name}" (${created.id}).`);
  if (kind === 'secret-server' && !secret) io.err(`No password stored: pass it with --password-stdin or ${SECRET_ENV.password}.`);
  return 0;
}

function list(rt: CliRuntime, io: CliIO, json: boolean): number {
  const all = rt.services.connections.list();
  if (json) {
    io.out(JSON.stringify(all));
    return 0;
  }
  if (!all.length) io.out('No connection profiles yet.');
  for (const p of all) {
    const target =
      p.kind === 'secret-server' ? p.baseUrl : p.kind === 'aws' ? `${p.region}${p.endpoint ? ` via ${p.endpoint}` : ''}` : p.url;
    const creds =
      p.kind === 'aws'
        ? p.credentialSource === 'static'
          ? p.hasSecretAccessKey
            ? 'key stored'
            : 'no key'
          : p.credentialSource
        : p.hasPassword
          ? 'password stored'
          : '';
    const test = p.lastTest ? `${p.lastTest.ok ? 'ok' : `failed (${p.lastTest.failedStage ?? '?'})`} at ${p.lastTest.at}` : 'not tested';
    io.out([p.kind.padEnd(17), p.name.padEnd(28), target, creds && `[${creds}]`, `— ${test}`].filter(Boolean).join(' '));
  }
  return 0;
}

async function test(rt: CliRuntime, io: CliIO, p: ProfileView, json: boolean): Promise<number> {
  const { code, result } = await runCliJob(rt, io, 'connections:test', { id: p.id }, () => undefined);
  if (!result) return code;
  const r: DiagnosticsResult = result;
  if (json) io.out(JSON.stringify(r));
  else
    for (const s of r.stages)
      io.out(
        `${s.status.toUpperCase().padEnd(7)} ${s.label}${s.detail ? `: ${s.detail}` : ''}${s.fix && s.status === 'fail' ? `\n        Fix: ${s.fix}` : ''}`,
      );
  return r.ok ? 0 : 1;
}
