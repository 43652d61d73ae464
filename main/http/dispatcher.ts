import { readFile } from 'node:fs/promises';
import { X509Certificate } from 'node:crypto';
import { rootCertificates } from 'node:tls';
import { Agent, ProxyAgent, type Dispatcher } from 'undici';
import { ContractError } from '../../contract/errors';
import { redact } from '../shared/redact';

/** How one connection profile reaches its server. TLS verification cannot be turned off. */
export interface DispatcherOptions {
  /** Path to a PEM file with extra CA certificates to trust on top of the system roots. */
  readonly caFile?: string;
  /** An http(s) proxy URL (without credentials: those come in `proxyAuth`). */
  readonly proxyUrl?: string;
  /** Basic credentials for the proxy, read from the secret store by the caller. */
  readonly proxyAuth?: ProxyAuth;
  /** TCP + TLS connect timeout in milliseconds (default 10 s). */
  readonly connectTimeoutMs?: number;
}

/** A proxy's user name and password (Basic authentication). */
export interface ProxyAuth {
  readonly username: string;
  readonly password: string;
}

/** The `Proxy-Authorization` header value for Basic credentials. */
export function proxyAuthorization(auth: ProxyAuth): string {
  return `Basic ${Buffer.from(`${auth.username}:${auth.password}`, 'utf8').toString('base64')}`;
}

const PEM_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/** Reads and checks a PEM bundle; any problem becomes a FILE error naming the file. */
export async function readExtraCa(file: string): Promise<string[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new ContractError('FILE', `Cannot read the CA certificate file ${file} (${code}).`, {
      details: { field: 'caFile', file },
      cause: err,
    });
  }
  const blocks = text.match(PEM_BLOCK) ?? [];
  if (blocks.length === 0) {
    throw new ContractError('FILE', `The CA certificate file ${file} holds no PEM certificate (-----BEGIN CERTIFICATE-----).`, {
      details: { field: 'caFile', file },
    });
  }
  blocks.forEach((pem, i) => {
    try {
      new X509Certificate(pem);
    } catch (err) {
      throw new ContractError('FILE', `Certificate ${i + 1} in ${file} is not a valid X.509 PEM certificate.`, {
        details: { field: 'caFile', file },
        cause: err,
      });
    }
  });
  return blocks;
}

/**
 * Builds the undici dispatcher for one profile: an Agent, or a ProxyAgent when a proxy is set.
 * Extra CAs are added to (not instead of) the system roots so public certificates keep working.
 */
export async function createDispatcher(opts: DispatcherOptions = {}): Promise<Dispatcher> {
  const extra = opts.caFile ? await readExtraCa(opts.caFile) : [];
  const tlsOptions = {
    rejectUnauthorized: true,
    ...(extra.length ? { ca: [...rootCertificates, ...extra] } : {}),
  };
  const connect = { ...tlsOptions, timeout: opts.connectTimeoutMs ?? 10_000 };
  if (!opts.proxyUrl) return new Agent({ connect });
  let proxy: URL;
  try {
    proxy = new URL(opts.proxyUrl);
  } catch {
    throw new ContractError('VALIDATION', `The proxy URL is not a valid URL: ${redact(opts.proxyUrl)}`, {
      details: { field: 'proxyUrl' },
    });
  }
  if (proxy.protocol !== 'http:' && proxy.protocol !== 'https:') {
    throw new ContractError('VALIDATION', 'The proxy URL must start with http:// or https://.', { details: { field: 'proxyUrl' } });
  }
  // Credentials travel only as the header, never as part of a URL an error message could echo.
  proxy.username = '';
  proxy.password = '';
  return new ProxyAgent({
    uri: proxy.toString(),
    ...(opts.proxyAuth ? { token: proxyAuthorization(opts.proxyAuth) } : {}),
    requestTls: tlsOptions,
    proxyTls: tlsOptions,
    connect,
  });
}
