import { lookup } from 'node:dns/promises';
import { isIP, connect as tcpConnect, type Socket } from 'node:net';
import { request as httpRequest } from 'node:http';
import { ContractError } from '../../../contract/errors';
import { proxyAuthorization, type ProxyAuth } from '../../http';
import { socketOutcome } from './socket-outcome';
import { fail, pass, type StageOutcome } from './stage';

/** Where the low stages connect: the target, or the proxy when one is set. */
export interface Endpoint {
  readonly host: string;
  readonly port: number;
  readonly https: boolean;
}

/** Host, port and scheme of a URL (default ports filled in). */
export function endpointOf(url: string): Endpoint {
  const u = new URL(url);
  const https = u.protocol === 'https:';
  const host = u.hostname.replace(/^\[|\]$/g, '');
  return { host, port: u.port ? Number(u.port) : https ? 443 : 80, https };
}

/** DNS: resolves the host name the way the HTTP client will (the OS resolver). */
export async function dnsStage(host: string, via?: string): Promise<StageOutcome> {
  const where = via ? ` (the proxy)` : '';
  if (isIP(host)) return pass(`${host}${where} is an IP address; no lookup needed.`);
  try {
    const addrs = await lookup(host, { all: true });
    return pass(`${host}${where} resolves to ${addrs.map((a) => a.address).join(', ')}.`);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'ERROR';
    const temp = code === 'EAI_AGAIN';
    return fail(
      `${host}${where} could not be resolved (${code}).`,
      temp
        ? 'The DNS server did not answer in time. Check this computer’s network and DNS settings, then try again.'
        : `Check the spelling of "${host}". If it is an internal name, make sure this computer uses the internal DNS server (or add the name to the hosts file).`,
    );
  }
}

/** TCP: opens a connection to host:port within `timeoutMs`. */
export function tcpStage(ep: Endpoint, signal: AbortSignal, timeoutMs = 10_000, via?: string): Promise<StageOutcome> {
  const target = `${ep.host}:${ep.port}${via ? ' (the proxy)' : ''}`;
  const socket = tcpConnect({ host: ep.host, port: ep.port });
  const timedOut = () =>
    fail(
      `No answer from ${target} within ${Math.round(timeoutMs / 1000)} s.`,
      'A firewall is probably dropping the connection. Check that the port is open between this computer and the server (Windows Firewall, network ACLs, security groups).',
    );
  return socketOutcome(socket, signal, timeoutMs, timedOut, (done) => {
    socket.once('connect', () => done(pass(`Connected to ${target} (${socket.remoteAddress ?? ep.host}).`)));
    socket.once('error', (err: NodeJS.ErrnoException) => done(tcpFailure(err, target, ep.port)));
  });
}

function tcpFailure(err: NodeJS.ErrnoException, target: string, port: number): StageOutcome {
  switch (err.code) {
    case 'ECONNREFUSED':
      return fail(
        `${target} refused the connection.`,
        `Nothing is listening on port ${port}. Check that the service is running and the port in the URL is right.`,
      );
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return fail(`${target} is unreachable (${err.code}).`, 'Check the routing or VPN between this computer and the server.');
    default:
      return fail(`Could not connect to ${target}: ${err.message}`, 'Check the host, the port and any firewall in between.');
  }
}

/**
 * Opens a raw socket to `target` through an http(s) proxy with CONNECT, so the TLS stage can
 * check the real server's certificate (the proxy only relays bytes).
 */
export function tunnel(
  proxyUrl: string,
  target: Endpoint,
  signal: AbortSignal,
  timeoutMs = 10_000,
  proxyAuth?: ProxyAuth,
): Promise<Socket> {
  const proxy = new URL(proxyUrl);
  const auth = proxyAuth ? { 'proxy-authorization': proxyAuthorization(proxyAuth) } : {};
  return new Promise((resolve, reject) => {
    const req = httpRequest({
      host: proxy.hostname,
      port: proxy.port || (proxy.protocol === 'https:' ? 443 : 80),
      method: 'CONNECT',
      path: `${target.host}:${target.port}`,
      headers: { host: `${target.host}:${target.port}`, ...auth },
      signal,
      timeout: timeoutMs,
    });
    req.once('connect', (res, socket) => {
      if (res.statusCode === 200) resolve(socket);
      else {
        socket.destroy();
        reject(new ContractError('NETWORK', `The proxy refused to connect to ${target.host}:${target.port} (HTTP ${res.statusCode}).`));
      }
    });
    req.once('timeout', () => req.destroy(new Error('The proxy did not answer in time.')));
    req.once('error', reject);
    req.end();
  });
}
