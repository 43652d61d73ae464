import { ContractError } from '../../contract/errors';
import type { ProfileInput } from '../../contract/channels/connections';
import { secretKeys } from './profiles';

// scheme://userinfo@… — the userinfo runs to the last `@` before the path, so a password
// holding `@` is taken whole (the WHATWG URL parser does the same).
const USERINFO = /^([a-z][a-z0-9+.-]*:\/\/)([^/?#]*)@/i;

/** A URL with any `user:password@` taken out, and what was taken out (decoded). */
export interface SplitUrl {
  readonly url: string;
  readonly username?: string;
  readonly password?: string;
}

/** Takes the userinfo out of a URL, keeping the rest exactly as typed. */
export function splitUrlCredentials(url: string): SplitUrl {
  const m = USERINFO.exec(url);
  if (!m) return { url };
  const info = m[2] ?? '';
  const colon = info.indexOf(':');
  const decode = (s: string) => {
    try {
      return decodeURIComponent(s);
    } catch {
      return s;
    }
  };
  const username = decode(colon < 0 ? info : info.slice(0, colon));
  const password = colon < 0 ? undefined : decode(info.slice(colon + 1));
  return { url: url.replace(USERINFO, '$1'), ...(username ? { username } : {}), ...(password ? { password } : {}) };
}

/**
 * A proxy URL typed with `user:password@` is split into the proxy user name and the write-only
 * proxy password, so the password goes to the secret store like every other credential (and
 * the user need not retype a URL copied from HTTPS_PROXY). Credentials given both in the URL and
 * in the fields, and different, are refused naming `proxyUrl`.
 */
export function splitProxyInput(input: ProfileInput): ProfileInput {
  if (!input.proxyUrl) return input;
  const split = splitUrlCredentials(input.proxyUrl);
  if (!split.username && !split.password) return input;
  const conflict = (field: 'proxyUsername' | 'proxyPassword', fromUrl: string | undefined) => {
    const given = input[field];
    return fromUrl !== undefined && given !== undefined && given !== '' && given !== fromUrl;
  };
  if (conflict('proxyUsername', split.username) || conflict('proxyPassword', split.password)) {
    throw new ContractError(
      'VALIDATION',
      'The proxy URL carries a user name or password that differs from the proxy credential fields: give them in the fields only.',
      { details: { field: 'proxyUrl' } },
    );
  }
  return {
    ...input,
    proxyUrl: split.url,
    ...(split.username ? { proxyUsername: split.username } : {}),
    ...(split.password ? { proxyPassword: split.password } : {}),
  };
}

/** URL fields of a stored profile that must never carry credentials. */
const PLAIN_URL_FIELDS = ['baseUrl', 'url', 'endpoint'] as const;

/** What loading an older profiles.json found and moved. */
export interface CredentialMigration {
  /** The file's value with every credential taken out of its URLs. */
  readonly value: unknown;
  /** Secret-store entries to write before the file is rewritten. */
  readonly secrets: ReadonlyArray<readonly [key: string, value: string]>;
  /** One line per change, naming the profile and the field (never the value). */
  readonly notes: readonly string[];
}

/**
 * Finds credentials that older versions kept inside URLs of `profiles.json`: a proxy's
 * password moves to the secret store (its user name to `proxyUsername`); user names and
 * passwords in the server, cache and endpoint URLs are dropped (the profiles' own credential
 * fields are what the clients use). Pure: the caller writes the secrets, then the file.
 */
export function migrateUrlCredentials(raw: unknown): CredentialMigration {
  const file = raw as { profiles?: unknown };
  if (typeof raw !== 'object' || raw === null || !Array.isArray(file.profiles)) return { value: raw, secrets: [], notes: [] };
  const secrets: Array<readonly [string, string]> = [];
  const notes: string[] = [];
  const profiles = file.profiles.map((entry: unknown) => {
    if (typeof entry !== 'object' || entry === null) return entry;
    const p = { ...(entry as Record<string, unknown>) };
    const id = typeof p.id === 'string' ? p.id : '';
    const name = typeof p.name === 'string' ? p.name : id;
    if (typeof p.proxyUrl === 'string') {
      const split = splitUrlCredentials(p.proxyUrl);
      if (split.username || split.password) {
        p.proxyUrl = split.url;
        if (split.username && !p.proxyUsername) p.proxyUsername = split.username;
        if (split.password && id) secrets.push([secretKeys.proxyPassword(id), split.password]);
        notes.push(`the proxy credentials of "${name}" moved from proxyUrl to the credential store`);
      }
    }
    for (const field of PLAIN_URL_FIELDS) {
      const v = p[field];
      if (typeof v !== 'string') continue;
      const split = splitUrlCredentials(v);
      if (split.username || split.password) {
        p[field] = split.url;
        notes.push(`a user name or password was removed from ${field} of "${name}"`);
      }
    }
    return p;
  });
  return notes.length ? { value: { ...file, profiles }, secrets, notes } : { value: raw, secrets: [], notes: [] };
}
