import type { CauseCode, CorrelatedLine, EngineState, RunCause, RunStatus } from '../../contract/channels/activity';
import { redact } from '../shared/redact';

/** What a run's cause is read from. */
export interface CauseInput {
  readonly status: RunStatus;
  readonly tasks: ReadonlyArray<{ readonly status: RunStatus; readonly notes: string }>;
  /** Correlated log lines, when read. */
  readonly lines?: readonly CorrelatedLine[];
  /** The engines of the run's site now, when known. */
  readonly engines?: readonly EngineState[] | null;
}

interface Evidence {
  readonly excerpts: string[];
  readonly instance?: string;
  /** A detail the fix names (an HTTP status, a site). */
  readonly detail?: string;
}

/** One rule: which runs it applies to, how it matches, and what it says. */
interface Rule {
  readonly code: CauseCode;
  readonly on: 'failed' | 'success';
  readonly title: string;
  readonly fix: string | ((e: Evidence) => string);
  readonly match: (notes: string, c: CauseInput) => Evidence | null;
}

const TOKEN_FAILED = /Token request failed:?[^\n]*/i;
const STATUS_IN = /\((\d{3})\)|\b(?:status code|error)[^\n]*?\b(\d{3})\b/i;

/** The first line of `text` matching `re` (cut to 300 characters), or null. */
function lineOf(text: string, re: RegExp): string | null {
  const line = text.split(/\r?\n/).find((l) => re.test(l));
  return line === undefined ? null : line.trim().slice(0, 300);
}

function noted(notes: string, re: RegExp): Evidence | null {
  const l = lineOf(notes, re);
  return l === null ? null : { excerpts: [l] };
}

/** Correlated lines matching `re`, as evidence naming their instance. */
function logged(c: CauseInput, re: RegExp, kind: CorrelatedLine['kind'] = 'cache'): Evidence | null {
  const hits = (c.lines ?? []).filter((l) => l.kind === kind && re.test(l.text));
  const first = hits[0];
  return first ? { excerpts: hits.slice(0, 3).map((l) => `${l.instance}: ${l.text.slice(0, 300)}`), instance: first.instance } : null;
}

function httpStatus(line: string): string | undefined {
  const m = STATUS_IN.exec(line);
  return m?.[1] ?? m?.[2];
}

function join(...parts: Array<Evidence | null>): Evidence | null {
  const found = parts.filter((p): p is Evidence => p !== null);
  if (!found.length) return null;
  const instance = found.find((f) => f.instance)?.instance;
  const detail = found.find((f) => f.detail)?.detail;
  return { excerpts: found.flatMap((f) => f.excerpts), ...(instance ? { instance } : {}), ...(detail ? { detail } : {}) };
}

/**
 * The rules, in the order they are tried; the first match wins. Every rule needs evidence in the
 * task notes (or, for the silent cases, in the cache's own log); nothing is guessed: a failed run
 * no rule explains is `unclassified` with its raw notes.
 */
export const CAUSE_RULES: readonly Rule[] = [
  {
    code: 'engine-offline',
    on: 'failed',
    title: 'No Distributed Engine of the run site was online to run the script',
    fix: 'Start the "Thycotic Distributed Engine" service on an engine of the site (an engine counts as offline after three missed heartbeats), or activate and assign an engine to the site: Admin > Distributed Engine > Manage Sites, then "Validate Connectivity". Change the password again (or refresh the secret on the caches now) once an engine is online.',
    match: (notes, c) => {
      const e = noted(
        notes,
        /engines are not currently online|no (?:online )?engines? (?:is |are )?(?:online|available)|Could not configure, trying in 30 seconds|Bus Broken Down/i,
      );
      if (!e) return null;
      const offline = (c.engines ?? []).filter((x) => !x.onlineNow).map((x) => `${x.name}: ${x.connection}/${x.activation}`);
      return offline.length ? { excerpts: [...e.excerpts, `Engines of the site now: ${offline.join(', ')}`] } : e;
    },
  },
  {
    code: 'script-timeout',
    on: 'failed',
    title: 'The script ran past the maximum script run time and was stopped',
    fix: 'The cache did not answer before Secret Server stopped the script (Admin > Configuration > Advanced: "Event Pipelines Maximum Script Run Time", 5 minutes by default). Check that the Credentials Cache URL answers quickly from the engine host, and give Invoke-RestMethod a -TimeoutSec well under the limit so the script fails fast with the real error.',
    match: (notes) =>
      noted(
        notes,
        /exceeded the maximum (?:script )?run time|maximum script run time|script (?:was )?(?:stopped|terminated) after|The operation has timed out/i,
      ),
  },
  {
    code: 'tls-trust',
    on: 'failed',
    title: "The engine host does not trust the Credentials Cache's certificate",
    fix: "Install the certificate of the CA that issued the cache's certificate in the engine host's Local Computer > Trusted Root Certification Authorities (or give the cache a certificate from a CA the host trusts, with its host name in the subject alternative names). Keep TLS 1.2 on ([Net.ServicePointManager]::SecurityProtocol = Tls12). Do not turn certificate checks off with ServerCertificateValidationCallback outside a lab.",
    match: (notes) =>
      noted(
        notes,
        /trust relationship for the SSL\/TLS|remote certificate is invalid|SSL connection could not be established|UntrustedRoot|certificate chain|Could not create SSL\/TLS secure channel/i,
      ),
  },
  {
    code: 'cache-unreachable',
    on: 'failed',
    title: 'The Credentials Cache could not be reached from the engine host',
    fix: 'Start the Credentials Cache (its IIS site and application pool, or its service or container) and check it answers at <Cred Cache URL>/swagger/index.html from the engine host. Check the CREDCACHEURL field of the connection secret (Additional secret 1), DNS and firewalls between the engine host and the cache.',
    match: (notes) =>
      noted(
        notes,
        /actively refused|Unable to connect to the remote server|remote name could not be resolved|No such host is known|No connection could be made|connection (?:was )?(?:forcibly )?closed by the remote host|Connection refused|No route to host/i,
      ),
  },
  {
    code: 'confidential-args-blocked',
    on: 'failed',
    title: 'The password argument reached the script empty (confidential fields are blocked in scripts)',
    fix: 'Secret Server does not pass confidential fields such as $PASSWORD to scripts unless Admin > Configuration > Advanced > "Allow Confidential Secret Fields to be used in Scripts" is True. Allow it (or pass the password another way), then change the password again or refresh the secret on the caches now.',
    match: (notes, c) => {
      const token = lineOf(notes, TOKEN_FAILED);
      if (!token || httpStatus(token) !== '400') return null;
      // A 400 alone may be any bad form; the cache's log (or the notes) must say the password was blank.
      const blank = join(logged(c, /Password (?:field )?is required|the Password field/i), noted(notes, /confidential/i));
      return blank ? join({ excerpts: [token] }, blank) : null;
    },
  },
  {
    code: 'token-rejected',
    on: 'failed',
    title: 'The Credentials Cache refused the token request (wrong account or password)',
    fix: (e) =>
      `/api/token answered ${e.detail ?? '401/400'}: the cache could not sign in to Secret Server with the account in the connection secret. Correct CLIENTID/CLIENTSECRET (the application account and its current password) in the secret used as Additional secret 1, check the account is enabled and not locked out, and that TENANTURL is this Secret Server's URL.`,
    match: (notes, c) => {
      const token = lineOf(notes, TOKEN_FAILED);
      const status = token ? httpStatus(token) : undefined;
      if (!token || (status !== '401' && status !== '400')) return null;
      return { ...join({ excerpts: [token] }, logged(c, /Token request (?:failed|rejected)/i))!, detail: status };
    },
  },
  {
    code: 'secretchanged-rejected',
    on: 'failed',
    title: 'The Credentials Cache rejected the /api/secretchanged call',
    fix: (e) => secretChangedFix(e.detail),
    match: (notes, c) => {
      const failed = /SecretChanged API failed[\s\S]*/i.exec(notes)?.[0];
      const status = failed ? httpStatus(failed) : undefined;
      if (!failed || !status) return null;
      return {
        ...join({ excerpts: [lineOf(failed, STATUS_IN) ?? failed.slice(0, 300)] }, logged(c, /secretchanged|secretId=/i))!,
        detail: status,
      };
    },
  },
  {
    code: 'script-error',
    on: 'failed',
    title: 'The script failed',
    fix: 'Read the task notes below: the script stopped with an error that is not one of the known causes (for example a 404 or 500 from the cache, a wrong URL, a missing script or a PowerShell error). Fix what the notes name, then change the password again or refresh the secret on the caches now.',
    match: (notes) =>
      noted(
        notes,
        /❌|failed|exception|error|not found|is not recognized as the name|At line:\d+ char:\d+|ParserError|Access is denied|WinRM/i,
      ),
  },
  {
    code: 'success-but-cache-not-refreshed',
    on: 'success',
    title: 'Marked Success, but the cache was not refreshed',
    fix: 'The script wrote the error and carried on, so Secret Server shows Success (seed 000\'s script has no "exit 1" after its SecretChanged catch block). Refresh this secret on the caches now, fix the error the notes name, and add "exit 1" (or "throw") after Write-Error in the script\'s step 2 so such failures show as Failed.',
    match: (notes) => noted(notes, /SecretChanged API failed|❌/i),
  },
  {
    code: 'success-but-cache-not-refreshed',
    on: 'success',
    title: "Marked Success, but the cache's own refresh failed",
    fix: 'The cache accepted the call (202) and then could not read the secret from Secret Server (its log says so). Check the application account can View the secret and that the cache host reaches Secret Server, then refresh the secret on the caches now.',
    match: (_notes, c) => logged(c, /Failed to refresh secretId=|refresh (?:of secret )?failed/i),
  },
];

function secretChangedFix(status: string | undefined): string {
  switch (status) {
    case '401':
      return '/api/secretchanged answered 401: the token was not accepted (expired between the two calls, or issued by another instance). Check the script sends "Authorization: Bearer <token>" from the same cache URL, and the clocks of the hosts.';
    case '400':
    case '415':
      return `/api/secretchanged answered ${status}: the body must be JSON {"secretId": "<id>"} with Content-Type application/json. Check the script's headers and ConvertTo-Json body.`;
    case '404':
    case '405':
      return `/api/secretchanged answered ${status}: the URL does not reach the cache's API. Check CREDCACHEURL includes the IIS application folder (e.g. https://host/DelineaCredCache).`;
    default:
      return `/api/secretchanged answered ${status ?? 'an error'}: the cache failed while handling the call. Read its log around the run (below) and its Event Viewer entries, then refresh the secret on the caches now.`;
  }
}

/**
 * Classifies a run: null for a clean success or a run still going; a rule's cause when its
 * evidence is found; `unclassified` (with the raw notes) for a failed run no rule explains.
 */
export function classifyRun(c: CauseInput): RunCause | null {
  const failed = c.status === 'Failed' || c.tasks.some((t) => t.status === 'Failed');
  const on = failed ? 'failed' : c.status === 'Success' ? 'success' : null;
  if (!on) return null;
  const notes = (failed ? c.tasks.filter((t) => t.status === 'Failed') : c.tasks).map((t) => t.notes).join('\n');
  for (const rule of CAUSE_RULES) {
    if (rule.on !== on) continue;
    const e = rule.match(notes, c);
    if (!e) continue;
    return {
      code: rule.code,
      title: rule.title,
      fix: typeof rule.fix === 'string' ? rule.fix : rule.fix(e),
      evidence: e.excerpts.map((x) => redact(x)),
      ...(e.instance ? { instance: e.instance } : {}),
    };
  }
  if (!failed) return null;
  return {
    code: 'unclassified',
    title: 'Failed for a reason the notes do not show',
    fix: 'No known cause matches the task notes. Read them below, and the Distributed Engine log on the engine that ran the job (log\\SSDE.log; raise its level to DEBUG for detail).',
    evidence: [],
    rawNotes: redact(notes || '(the failed task has no notes)'),
  };
}
