import { ContractError } from '../../../contract/errors';
import { readExtraCa, type ProxyAuth } from '../../http';
import { dnsStage, endpointOf, tcpStage, tunnel } from './net';
import { fail, fixed, pass, STAGE_LABELS, type StagePlan } from './stage';
import { tlsStage } from './tls';
import { errorMessage } from '../../shared/errors';

/** Transport settings of a profile that the low stages honour. */
export interface LowStageOptions {
  readonly url: string;
  readonly caFile?: string;
  readonly proxyUrl?: string;
  readonly proxyAuth?: ProxyAuth;
  readonly timeoutMs?: number;
}

/**
 * DNS → TCP → TLS for a URL. With a proxy, DNS and TCP check the proxy (that is what this
 * computer connects to) and TLS checks the real server through a CONNECT tunnel. TLS is skipped
 * for http:// URLs.
 */
export function lowStages(opts: LowStageOptions): StagePlan[] {
  let target: ReturnType<typeof endpointOf>;
  try {
    target = endpointOf(opts.url);
  } catch {
    return [
      fixed('dns', {
        status: 'fail',
        detail: `"${opts.url}" is not a valid URL.`,
        fix: 'Enter the full URL, e.g. https://server.corp.example/SecretServer.',
      }),
    ];
  }
  const proxy = opts.proxyUrl ? endpointOf(opts.proxyUrl) : undefined;
  const first = proxy ?? target;
  const via = proxy ? opts.proxyUrl : undefined;
  const plans: StagePlan[] = [
    { id: 'dns', label: STAGE_LABELS.dns, run: () => dnsStage(first.host, via) },
    { id: 'tcp', label: STAGE_LABELS.tcp, run: (signal) => tcpStage(first, signal, opts.timeoutMs, via) },
  ];
  if (!target.https) {
    plans.push(fixed('tls', { status: 'skipped', detail: 'Plain http:// URL: no certificate to check. Use https:// outside a lab.' }));
    return plans;
  }
  plans.push({
    id: 'tls',
    label: STAGE_LABELS.tls,
    run: async (signal) => {
      let extraCa: string[] = [];
      if (opts.caFile) {
        try {
          extraCa = await readExtraCa(opts.caFile);
        } catch (err) {
          const msg = err instanceof ContractError ? err.message : String(err);
          return fail(msg, 'Point the profile’s extra CA field at a readable PEM file (-----BEGIN CERTIFICATE-----), or clear it.');
        }
      }
      let socket;
      if (opts.proxyUrl) {
        try {
          socket = await tunnel(opts.proxyUrl, target, signal, opts.timeoutMs, opts.proxyAuth);
        } catch (err) {
          return fail(
            `Could not open a tunnel to ${target.host}:${target.port} through the proxy: ${errorMessage(err)}`,
            'Check the proxy URL, its credentials, and that it allows CONNECT to this host and port.',
          );
        }
      }
      const out = await tlsStage(
        { target, extraCa, ...(socket ? { socket } : {}), ...(opts.timeoutMs ? { timeoutMs: opts.timeoutMs } : {}) },
        signal,
      );
      return out.status === 'pass' && extraCa.length
        ? pass(`${out.detail} (${extraCa.length} extra CA certificate(s) from the profile trusted.)`)
        : out;
    },
  });
  return plans;
}
