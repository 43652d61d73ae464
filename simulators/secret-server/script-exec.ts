import { Agent, request } from 'undici';

/** What a Run Script task needs to call a Credentials Cache like the seed 000 script does. */
export interface ScriptCall {
  readonly script: string;
  /** The expanded Script Args: ItemId, BaseUrl, Username, Password, ApiBaseURI, Domain. */
  readonly args: readonly string[];
  /** "Event Pipelines Maximum Script Run Time". */
  readonly timeoutMs: number;
  /** Extra CA certificates the engine host trusts. */
  readonly engineCa?: string[];
}

/** The task's outcome: whether Secret Server marks it failed, and its notes. */
export interface ScriptOutcome {
  readonly ok: boolean;
  readonly notes: string;
  /** The step that went wrong, for the engine log (absent on a clean success). */
  readonly error?: string;
}

/** How a script behaves, read from its text the way running it would show. */
export interface ScriptTraits {
  /** `ServerCertificateValidationCallback = { $true }` (seed 000's "DEV ONLY" line): certificates are not checked. */
  readonly skipsCertificateCheck: boolean;
  /**
   * Whether a failed `/api/secretchanged` call fails the task. Seed 000's script only writes the
   * error in its catch block (no `exit 1`, no `throw`), so the task still ends Success.
   */
  readonly secretChangedFailureFails: boolean;
}

/** Reads a script's traits from its text. */
export function scriptTraits(script: string): ScriptTraits {
  const catchAfter = /SecretChanged API failed[\s\S]*/i.exec(script)?.[0];
  return {
    skipsCertificateCheck: /ServerCertificateValidationCallback\s*=\s*\{\s*\$true\s*\}/i.test(script),
    // No catch block around the call: -ErrorAction Stop makes the error terminating.
    secretChangedFailureFails: catchAfter === undefined || /\bexit\s+[1-9]|\bthrow\b/i.test(catchAfter),
  };
}

/**
 * Runs the token + secretchanged calls of the seed 000 script over real HTTP(S), with the
 * engine's time limit, and writes the notes the way the script's Write-Host/Write-Error lines
 * read. Error texts are those of Windows PowerShell 5.1 (.NET Framework WebException).
 */
export async function runCacheScript(call: ScriptCall): Promise<ScriptOutcome> {
  const [itemId = '', baseUrl = '', username = '', password = '', apiBase = '', domain = ''] = call.args;
  const traits = scriptTraits(call.script);
  const dispatcher = new Agent({
    connect: {
      timeout: 15_000,
      ...(call.engineCa ? { ca: call.engineCa } : {}),
      ...(traits.skipsCertificateCheck ? { rejectUnauthorized: false } : {}),
    },
  });
  const deadline = AbortSignal.timeout(call.timeoutMs);
  const log: string[] = ['Requesting JWT token...'];
  try {
    let token: string;
    try {
      const res = await request(`${apiBase}/api/token`, {
        method: 'POST',
        dispatcher,
        signal: deadline,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ Username: username, Password: password, BaseUrl: baseUrl, Domain: domain }).toString(),
      });
      const text = await res.body.text();
      if (res.statusCode >= 300) throw new Error(statusText(res.statusCode));
      token = String((JSON.parse(text || '{}') as { token?: unknown }).token ?? '');
      if (!token.trim()) throw new Error('JWT token missing in response.');
    } catch (err) {
      const error = describe(err, deadline, call.timeoutMs);
      return { ok: false, notes: `${log.join('\n')}\n❌ Token request failed: ${error}`, error: `Token request failed: ${error}` };
    }
    log.push('JWT token retrieved successfully.', 'Calling SecretChanged API...');
    try {
      const res = await request(`${apiBase}/api/secretchanged`, {
        method: 'POST',
        dispatcher,
        signal: deadline,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ secretId: itemId }),
      });
      await res.body.text();
      if (res.statusCode >= 300) throw new Error(statusText(res.statusCode));
    } catch (err) {
      const error = describe(err, deadline, call.timeoutMs);
      const notes = `${log.join('\n')}\n❌ SecretChanged API failed.\n${error}`;
      // The seed script's catch block writes the error and carries on: the task still succeeds.
      return traits.secretChangedFailureFails
        ? { ok: false, notes, error: `SecretChanged API failed: ${error}` }
        : { ok: true, notes: `Success\n${notes}`, error: `SecretChanged API failed: ${error}` };
    }
    log.push('✅ Secret cached successfully.');
    return { ok: true, notes: `Success\n${log.join('\n')}` };
  } finally {
    await dispatcher.close();
  }
}

/** The limit in words, e.g. "5 minute(s)" or "2 second(s)" for a shortened test limit. */
export function limitText(ms: number): string {
  return ms >= 60_000 ? `${Math.round(ms / 60_000)} minute(s)` : `${Math.max(1, Math.round(ms / 1000))} second(s)`;
}

function describe(err: unknown, deadline: AbortSignal, timeoutMs: number): string {
  if (deadline.aborted) return `The script exceeded the maximum run time of ${limitText(timeoutMs)} and was stopped.`;
  const e = err as { code?: string; message?: string; cause?: { code?: string } };
  const code = e.code ?? e.cause?.code ?? '';
  if (code === 'ECONNREFUSED')
    return 'Unable to connect to the remote server. No connection could be made because the target machine actively refused it.';
  if (code === 'ENOTFOUND') return 'The remote name could not be resolved.';
  if (/CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ALTNAME/.test(code))
    return 'The underlying connection was closed: Could not establish trust relationship for the SSL/TLS secure channel.';
  return e.message ?? String(err);
}

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  415: 'Unsupported Media Type',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Server Unavailable',
};

/**
 * The WebException text Windows PowerShell 5.1's Invoke-RestMethod shows for a non-success status
 * (seed 000 asks for Windows PowerShell: "Use PowerShell Core: Clear this checkbox").
 */
function statusText(status: number): string {
  return `The remote server returned an error: (${status}) ${REASONS[status] ?? 'Error'}.`;
}
