import { createHash, createHmac } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { SimError } from './errors';

/** An access key the simulator knows, with an optional IAM-like allow-list of actions. */
export interface SimKey {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  /** IAM user name shown in AccessDenied messages. */
  readonly userName?: string;
  /** Actions this key may call (`'GetSecretValue'`, `'secretsmanager:ListSecrets'`, `'*'`); undefined allows all. */
  readonly allow?: readonly string[];
}

/** The key every simulator knows unless told otherwise. */
export const DEFAULT_KEY: SimKey = {
  accessKeyId: 'EXAMPLEENGINECONSOLE001',
  secretAccessKey: 'engine-console-simulator-secret-access-key',
  userName: 'delinea-secrets-sync',
};

const CRED_RE = /Credential=([^/,\s]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request/;
const SIGNED_RE = /SignedHeaders=([^,\s]+)/;
const SIG_RE = /Signature=([0-9a-f]{64})/;

/**
 * Checks the SigV4 `Authorization` header: present, a known access key, and — when
 * `verifySignature` — a signature that matches the key's secret, as AWS would.
 */
export function authenticate(
  keys: ReadonlyMap<string, SimKey>,
  method: string,
  path: string,
  headers: IncomingHttpHeaders,
  body: Buffer,
  verifySignature: boolean,
): SimKey {
  const auth = headers.authorization;
  if (!auth) throw new SimError('MissingAuthenticationTokenException', 'Missing Authentication Token');
  const cred = CRED_RE.exec(auth);
  const signed = SIGNED_RE.exec(auth);
  const sig = SIG_RE.exec(auth);
  if (!auth.startsWith('AWS4-HMAC-SHA256 ') || !cred || !signed || !sig) {
    throw new SimError('IncompleteSignatureException', 'Authorization header requires Credential, SignedHeaders and Signature parameters.');
  }
  const [, accessKeyId = '', date = '', region = '', service = ''] = cred;
  const key = keys.get(accessKeyId);
  if (!key) throw new SimError('UnrecognizedClientException', 'The security token included in the request is invalid.');
  if (!verifySignature) return key;
  const amzDate = String(headers['x-amz-date'] ?? '');
  const signedHeaders = signed[1] ?? '';
  const canonicalHeaders = signedHeaders
    .split(';')
    .map(
      (h) =>
        `${h}:${String(headers[h] ?? '')
          .trim()
          .replace(/\s+/g, ' ')}\n`,
    )
    .join('');
  const payloadHash = String(headers['x-amz-content-sha256'] ?? sha256(body));
  const canonical = [method, path, '', canonicalHeaders, signedHeaders, payloadHash].join('\n');
  const scope = `${date}/${region}/${service}/aws4_request`;
  const toSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256(canonical)].join('\n');
  let k = hmac(`AWS4${key.secretAccessKey}`, date);
  for (const part of [region, service, 'aws4_request']) k = hmac(k, part);
  const expected = createHmac('sha256', k).update(toSign).digest('hex');
  if (expected !== sig[1]) {
    throw new SimError(
      'InvalidSignatureException',
      'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.',
    );
  }
  return key;
}

/** Throws AccessDeniedException when the key's allow-list does not include `operation`. */
export function authorize(key: SimKey, operation: string, resource: string, accountId: string): void {
  if (!key.allow) return;
  const ok = key.allow.some((a) => a === '*' || a === 'secretsmanager:*' || a === operation || a === `secretsmanager:${operation}`);
  if (ok) return;
  const user = `arn:aws:iam::${accountId}:user/${key.userName ?? key.accessKeyId}`;
  throw new SimError(
    'AccessDeniedException',
    `User: ${user} is not authorized to perform: secretsmanager:${operation} on resource: ${resource} because no identity-based policy allows the secretsmanager:${operation} action`,
  );
}

function sha256(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

function hmac(key: string | Buffer, data: string): Buffer {
  return createHmac('sha256', key).update(data).digest();
}
