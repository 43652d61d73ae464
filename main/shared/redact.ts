/**
 * Scrubs credentials from text before it leaves main: bearer tokens, form/JSON password and
 * token fields, basic-auth userinfo in URLs and AWS secret keys.
 */
const PATTERNS: ReadonlyArray<[RegExp, string]> = [
  [/(Bearer\s+)[A-Za-z0-9._~+/=-]+/gi, '$1[redacted]'],
  [/(\b[a-z][a-z0-9+.-]*:\/\/)[^/\s:@]+:[^/\s@]+@/gi, '$1[redacted]@'],
  [
    /("?(?:password|passwd|pwd|access_token|refresh_token|token|secret|secretAccessKey|secret_access_key|client_secret|clientsecret|sessionToken|otp|passphrase)"?\s*[:=]\s*)("[^"]*"|[^\s&,}]+)/gi,
    '$1[redacted]',
  ],
  [/\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g, '[redacted-access-key]'],
];

/** Returns `text` with every credential-looking value replaced by `[redacted]`. */
export function redact(text: string, extraSecrets: readonly string[] = []): string {
  let out = text;
  for (const secret of extraSecrets) {
    if (secret && secret.length >= 4) out = out.split(secret).join('[redacted]');
  }
  for (const [re, rep] of PATTERNS) out = out.replace(re, rep);
  return out;
}

/** Redacts every string inside a JSON-like value (for error details). */
export function redactDeep<T>(value: T, extraSecrets: readonly string[] = []): T {
  if (typeof value === 'string') return redact(value, extraSecrets) as T;
  if (Array.isArray(value)) return value.map((v) => redactDeep(v, extraSecrets)) as T;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      out[k] = /password|secret|token|passphrase|credential/i.test(k) && typeof v === 'string' ? '[redacted]' : redactDeep(v, extraSecrets);
    }
    return out as T;
  }
  return value;
}
