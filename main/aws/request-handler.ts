import { Agent as HttpsAgent } from 'node:https';
import { isIP } from 'node:net';
import { checkServerIdentity, rootCertificates, type PeerCertificate } from 'node:tls';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { HttpsProxyAgent } from 'https-proxy-agent';
import { ContractError } from '../../contract/errors';
import { proxyAuthorization, readExtraCa, type ProxyAuth } from '../http';

/** TLS and proxy settings an AWS profile may carry (the same as every other profile). */
export interface AwsTransportOptions {
  /** PEM file with extra trusted CA certificates (added to the system roots, not replacing them). */
  readonly caFile?: string;
  /** An http(s) proxy for the Secrets Manager endpoint. */
  readonly proxyUrl?: string;
  /** Basic credentials for the proxy (from the secret store). */
  readonly proxyAuth?: ProxyAuth;
}

/**
 * A CONNECT proxy agent that verifies the *target* with the extra CA: the constructor's TLS
 * options only apply to the hop to the proxy, the target's come from the request options.
 */
class CaProxyAgent extends HttpsProxyAgent<string> {
  constructor(
    proxy: URL,
    private readonly ca: string[],
    headers: Record<string, string>,
  ) {
    super(proxy.href, { keepAlive: true, headers });
  }

  override connect(req: Parameters<HttpsProxyAgent<string>['connect']>[0], opts: Parameters<HttpsProxyAgent<string>['connect']>[1]) {
    // The SDK's request options carry `hostname`; the agent drops `host` when it upgrades the
    // tunnel to TLS, so the name to verify is passed explicitly (SNI must not carry an IP).
    const o = opts as typeof opts & { hostname?: string; host?: string };
    const host = o.host ?? o.hostname;
    return super.connect(req, {
      ...opts,
      ...(host
        ? {
            host,
            ...(isIP(host)
              ? { checkServerIdentity: (_h: string, cert: PeerCertificate) => checkServerIdentity(host, cert) }
              : { servername: host }),
          }
        : {}),
      ca: this.ca,
      rejectUnauthorized: true,
    } as typeof opts);
  }
}

/**
 * Builds the SDK's request handler for a profile with an extra CA or a proxy; `undefined`
 * leaves the SDK's default handler in place. Certificate verification stays on either way.
 */
export async function createAwsRequestHandler(opts: AwsTransportOptions): Promise<NodeHttpHandler | undefined> {
  if (!opts.caFile && !opts.proxyUrl) return undefined;
  const ca = opts.caFile ? [...rootCertificates, ...(await readExtraCa(opts.caFile))] : undefined;
  let httpsAgent: HttpsAgent;
  if (opts.proxyUrl) {
    let proxy: URL;
    try {
      proxy = new URL(opts.proxyUrl);
      if (proxy.protocol !== 'http:' && proxy.protocol !== 'https:') throw new Error('scheme');
    } catch {
      throw new ContractError('VALIDATION', 'The proxy must be an http:// or https:// URL.', { details: { field: 'proxyUrl' } });
    }
    // The agent turns URL userinfo into the header itself; the header is set explicitly instead
    // so a password with `%` or `:` survives and the URL the agent keeps holds no credential.
    proxy.username = '';
    proxy.password = '';
    const headers: Record<string, string> = opts.proxyAuth ? { 'Proxy-Authorization': proxyAuthorization(opts.proxyAuth) } : {};
    httpsAgent = ca ? new CaProxyAgent(proxy, ca, headers) : new HttpsProxyAgent(proxy, { keepAlive: true, headers });
  } else {
    httpsAgent = new HttpsAgent({ keepAlive: true, rejectUnauthorized: true, ...(ca ? { ca } : {}) });
  }
  return new NodeHttpHandler({ httpsAgent });
}
