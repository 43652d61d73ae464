import { X509Certificate } from 'node:crypto';
import { rootCertificates } from 'node:tls';
import { Agent, ProxyAgent, buildConnector, type Dispatcher } from 'undici';
import { ContractError } from '../../contract/errors';
import { readRegularFile } from '../shared/regular-file';
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

/** A CA bundle is a few KB; more is not a CA file (and is not read into memory). */
export const CA_FILE_MAX_BYTES = 1024 * 1024;

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

/**
 * Reads and checks a PEM bundle; any problem becomes a FILE error naming the file. Only a
 * regular file of at most 1 MB is read (a FIFO or device is refused before it is opened).
 */
export async function readExtraCa(file: string): Promise<string[]> {
  let text: string;
  try {
    text = (await readRegularFile(file, { field: 'caFile', maxBytes: CA_FILE_MAX_BYTES, what: 'a CA certificate file' })).toString('utf8');
  } catch (err) {
    if (err instanceof ContractError) throw err;
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

/** TCP keep-alive probes start after this long idle (undici's default). */
const KEEP_ALIVE_DELAY_MS = 60_000;

/**
 * undici's connector with TCP keep-alive switched on once the socket is connected. undici itself
 * calls `setKeepAlive` on a socket that is still connecting; Windows under wine refuses that with
 * UNKNOWN (-4094) and every request fails, while Node's own `keepAlive` connect option, applied
 * after the connect, works there and everywhere.
 */
export function keepAliveAfterConnect(options: buildConnector.BuildOptions): buildConnector.connector {
  const inner = buildConnector({ ...options, keepAlive: false });
  return (opts, callback) =>
    inner(opts, (...args) => {
      if (args[0] === null) args[1].setKeepAlive(true, KEEP_ALIVE_DELAY_MS);
      callback(...args);
    });
}

let shared: Dispatcher | null = null;

/** The dispatcher of calls made without a profile's own (the demo, tests): a plain Agent with the connector above. */
export function defaultDispatcher(): Dispatcher {
  shared ??= new Agent({ connect: keepAliveAfterConnect({ timeout: 10_000 }) });
  return shared;
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
  if (!opts.proxyUrl) return new Agent({ connect: keepAliveAfterConnect(connect) });
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
