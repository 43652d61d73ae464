import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A self-signed certificate and its key, as PEM text and as files. */
export interface SelfSigned {
  readonly key: string;
  readonly cert: string;
  readonly keyFile: string;
  readonly certFile: string;
}

/**
 * Makes a self-signed certificate with openssl (installed by .ci/run), like an internal PKI
 * endpoint a profile must trust explicitly. Defaults: CN and SAN 127.0.0.1, valid two days.
 */
export function selfSignedCert(opts: { cn?: string; san?: string; days?: number } = {}): SelfSigned {
  const dir = mkdtempSync(join(tmpdir(), 'ec-cert-'));
  const keyFile = join(dir, 'key.pem');
  const certFile = join(dir, 'cert.pem');
  const cn = opts.cn ?? '127.0.0.1';
  execFileSync(
    'openssl',
    ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', keyFile, '-out', certFile, '-days', String(opts.days ?? 2)].concat([
      '-subj',
      `/CN=${cn}`,
      '-addext',
      `subjectAltName=${opts.san ?? 'IP:127.0.0.1'}`,
    ]),
    { stdio: 'ignore' },
  );
  return { key: readFileSync(keyFile, 'utf8'), cert: readFileSync(certFile, 'utf8'), keyFile, certFile };
}
