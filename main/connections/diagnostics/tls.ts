import { checkServerIdentity, connect as tlsConnect, rootCertificates, type PeerCertificate, type TLSSocket } from 'node:tls';
import type { Socket } from 'node:net';
import { socketOutcome } from './socket-outcome';
import { fail, pass, type StageOutcome } from './stage';
import type { Endpoint } from './net';

/** Inputs of the TLS stage. */
export interface TlsCheck {
  readonly target: Endpoint;
  /** Extra CA certificates (PEM) from the profile, added to the system roots. */
  readonly extraCa: readonly string[];
  /** A socket already tunnelled through a proxy, when there is one. */
  readonly socket?: Socket;
  readonly timeoutMs?: number;
  readonly now?: () => number;
}

const WARN_DAYS = 21;
const UNTRUSTED = new Set([
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'CERT_UNTRUSTED',
]);

/**
 * TLS: handshakes with the server and judges chain, expiry and host name. The handshake itself
 * does not reject so the certificate can be described; the verdict below fails exactly where
 * Node's verification would, and nothing is ever sent over this connection.
 */
export function tlsStage(check: TlsCheck, signal: AbortSignal): Promise<StageOutcome> {
  const { target } = check;
  const ca = check.extraCa.length ? [...rootCertificates, ...check.extraCa] : undefined;
  const timeoutMs = check.timeoutMs ?? 10_000;
  const socket: TLSSocket = tlsConnect({
    ...(check.socket ? { socket: check.socket } : { host: target.host, port: target.port }),
    servername: /^[\d.:]+$/.test(target.host) ? undefined : target.host,
    ca,
    rejectUnauthorized: false,
  });
  const timedOut = () =>
    fail(
      `No TLS handshake with ${target.host}:${target.port} within ${Math.round(timeoutMs / 1000)} s.`,
      'The port may not speak TLS: check whether the URL should start with http:// instead, or whether a proxy intercepts the connection.',
    );
  return socketOutcome(socket, signal, timeoutMs, timedOut, (done) => {
    socket.once('secureConnect', () => done(judge(socket, check)));
    socket.once('error', (err: NodeJS.ErrnoException) =>
      done(
        fail(
          `TLS handshake with ${target.host}:${target.port} failed: ${err.message}`,
          /wrong version|packet length|EPROTO/i.test(`${err.code} ${err.message}`)
            ? 'The server did not answer with TLS. If it serves plain HTTP, use an http:// URL.'
            : 'Check that the server has a certificate bound to this port and supports TLS 1.2 or later.',
        ),
      ),
    );
  });
}

function judge(socket: TLSSocket, check: TlsCheck): StageOutcome {
  const cert = socket.getPeerCertificate(true);
  const host = check.target.host;
  const subject = describe(cert);
  const issuer = cert.issuer?.CN ?? cert.issuer?.O ?? 'an unknown issuer';
  const validTo = cert.valid_to ? new Date(cert.valid_to) : undefined;
  const err = socket.authorizationError
    ? String((socket.authorizationError as NodeJS.ErrnoException).code ?? socket.authorizationError)
    : undefined;
  if (err === 'CERT_HAS_EXPIRED' || (validTo && validTo.getTime() < (check.now?.() ?? Date.now()))) {
    return fail(
      `The certificate of ${host} (${subject}) expired on ${validTo?.toISOString().slice(0, 10) ?? 'an earlier date'}.`,
      'Renew the server certificate and bind the new one to the site.',
    );
  }
  if (err === 'CERT_NOT_YET_VALID')
    return fail(
      `The certificate of ${host} is not valid yet (from ${cert.valid_from}).`,
      'Check the clock of this computer and of the server.',
    );
  if (err && UNTRUSTED.has(err)) {
    return fail(
      `The certificate of ${host} (${subject}) is issued by "${issuer}", which this computer does not trust (${err}).`,
      check.extraCa.length
        ? `The extra CA file of the profile does not contain the CA that issued this certificate. Add "${issuer}" (PEM) to it, including any intermediate CA.`
        : `If "${issuer}" is your internal CA, export its certificate as PEM and set it as the profile's extra trusted CA file. Verification is never turned off.`,
    );
  }
  const idError = checkServerIdentity(host, cert);
  if (idError || (err && /ALTNAME|HOSTNAME/i.test(err))) {
    const names = cert.subjectaltname?.replace(/DNS:|IP Address:/g, '') ?? subject;
    return fail(
      `The certificate is for ${names}, not for ${host}.`,
      `Use a URL with one of the certificate's names (${names}), or reissue the certificate with "${host}" in its Subject Alternative Names.`,
    );
  }
  if (err)
    return fail(`The certificate of ${host} was rejected: ${err}.`, 'Fix the server certificate, or trust its issuing CA in the profile.');
  const days = validTo ? Math.floor((validTo.getTime() - (check.now?.() ?? Date.now())) / 86_400_000) : undefined;
  const summary = `Trusted certificate for ${host} (${subject}, issued by "${issuer}", ${socket.getProtocol() ?? 'TLS'}), valid until ${validTo?.toISOString().slice(0, 10) ?? 'unknown'}.`;
  if (days !== undefined && days < WARN_DAYS)
    return { status: 'warn', detail: `${summary} It expires in ${days} day(s).`, fix: 'Renew the server certificate soon.' };
  return pass(summary);
}

function describe(cert: PeerCertificate): string {
  return cert.subject?.CN ? `CN=${cert.subject.CN}` : 'no subject name';
}
