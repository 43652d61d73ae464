/**
 * Scrubs credentials from text before it leaves main: bearer and basic authorization values,
 * form/JSON/YAML-style credential fields (double-quoted, single-quoted or bare values), any
 * userinfo in URLs (up to the last `@` of the authority, so a password holding `@` is covered
 * whole) and AWS access key ids.
 */

// Key names whose value is a credential. Long words may carry a prefix (`proxyPassword`,
// `client_secret`, `x-api-key`); the short ones must stand alone. `pass` is also an English
// word ("did not pass: …"), so it counts only as `pass=` or as a quoted key.
const KEY = String.raw`(?:[\w-]*?(?:password|passwd|passphrase|secret|token|api[_-]?key|access[_-]?key)|pwd|otp|(?:proxy-)?authorization)`;
const VALUE = String.raw`("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|[^\s&,;}'"]+)`;

const PATTERNS: ReadonlyArray<[RegExp, string | ((...m: string[]) => string)]> = [
  // Authorization header values (any scheme): everything up to the end of the line or the closing quote.
  [/((?<![\w-])["']?(?:proxy-)?authorization["']?\s*[:=]\s*)("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|[^\r\n,;}]+)/gi, '$1[redacted]'],
  [/(Bearer\s+)[A-Za-z0-9._~+/=-]+/gi, '$1[redacted]'],
  // `Basic <base64 of user:password>`; only values that decode to `x:y`, so "Basic authentication" stays readable.
  [
    /(\bBasic\s+)([A-Za-z0-9+/]{4,}={0,2})/g,
    (all: string, lead: string, b64: string) => (isBasicCredential(b64) ? `${lead}[redacted]` : all),
  ],
  // scheme://userinfo@host — greedy to the last @ before the path, so `u:p@ss@h` loses all of `u:p@ss`.
  [/(\b[a-z][a-z0-9+.-]*:\/\/)[^/\s?#'"<>]*@/gi, '$1[redacted]@'],
  [new RegExp(String.raw`((?<![\w-])["']?${KEY}["']?\s*[:=]\s*)${VALUE}`, 'gi'), '$1[redacted]'],
  [new RegExp(String.raw`((?<![\w-])(?:pass\s*=|(["'])pass\2\s*:)\s*)${VALUE}`, 'gi'), '$1[redacted]'],
  [/\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g, '[redacted-access-key]'],
];

function isBasicCredential(b64: string): boolean {
  try {
    const text = Buffer.from(b64, 'base64').toString('utf8');
    return /^[^\s:]*:[^\r\n]*$/.test(text) && !text.includes('\uFFFD');
  } catch {
    return false;
  }
}

/** Returns `text` with every credential-looking value replaced by `[redacted]`. */
export function redact(text: string, extraSecrets: readonly string[] = []): string {
  let out = text;
  for (const secret of extraSecrets) {
    if (secret && secret.length >= 4) out = out.split(secret).join('[redacted]');
  }
  for (const [re, rep] of PATTERNS) out = out.replace(re, rep as never);
  return out;
}

const SECRET_KEY = /password|passwd|passphrase|secret|token|credential|api[-_]?key|authorization|^(?:pwd|pass)$/i;

/** Redacts every string inside a JSON-like value (for error details). */
export function redactDeep<T>(value: T, extraSecrets: readonly string[] = []): T {
  if (typeof value === 'string') return redact(value, extraSecrets) as T;
  if (Array.isArray(value)) return value.map((v) => redactDeep(v, extraSecrets)) as T;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      out[k] = SECRET_KEY.test(k) && typeof v === 'string' ? '[redacted]' : redactDeep(v, extraSecrets);
    }
    return out as T;
  }
  return value;
}
