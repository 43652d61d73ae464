import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Channel, Envelope, ReqIn, Res } from '../../../contract';
import { closeServices } from '../../../main/app/services';
import { startCredentialsCacheSimulator, type CredentialsCacheSimulator } from '../../../simulators/credentials-cache';
import {
  CREDENTIALS_CACHE_SCRIPT,
  HARDENED_CACHE_SCRIPT,
  startSecretServerSimulator,
  type SecretServerSimulator,
  type SimSecret,
} from '../../../simulators/secret-server';
import { selfSignedCert } from '../../support/self-signed';
import { testServices } from '../../unit/foundation/helpers';

/** The application account the caches sign in with. */
export const APP = { userName: 'svc-cache', password: 'Cache-Acct-2025!' } as const;

/**
 * A Secret Server simulator whose engine logs to SSDE.log, cache instances (HQ with an https
 * binding whose certificate the engine does not trust, Branch, Slow), one policy per scenario on
 * its own folder, and the console's services with profiles for all of it.
 */
export async function activityRig(opts: { scriptTimeoutMs?: number } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'ec-activity-'));
  const engineLog = join(dir, 'engine', 'log');
  const ss: SecretServerSimulator = await startSecretServerSimulator({
    runner: { engineLogDir: engineLog, scriptTimeoutMs: opts.scriptTimeoutMs ?? 3000 },
  });
  const cert = selfSignedCert();
  const cache = (name: string, extra: Parameters<typeof startCredentialsCacheSimulator>[0] = {}) =>
    startCredentialsCacheSimulator({ installDir: join(dir, name), basePath: '/DelineaCredCache', ...extra });
  const caches: Record<'hq' | 'branch' | 'slow' | 'quiet', CredentialsCacheSimulator> = {
    hq: await cache('hq', { tls: { key: cert.key, cert: cert.cert } }),
    branch: await cache('branch'),
    slow: await cache('slow'),
    quiet: await cache('quiet', { enableLogging: false }),
  };
  const seed = ss.seed!;
  const st = ss.state;
  st.addRole('Cache', ['View Secret']);
  const app = st.addUser(APP.userName, APP.password, { roles: ['Cache'], isApplicationAccount: true });
  const template = st.addTemplate('Credentials Cache Connection', ['TENANTURL', 'CLIENTID', 'CLIENTSECRET', 'CREDCACHEURL', 'DOMAIN']);
  const seedScript = st.addScript('Credentials Cache - Secret Changed', CREDENTIALS_CACHE_SCRIPT);
  const hardened = st.addScript('Credentials Cache - hardened', HARDENED_CACHE_SCRIPT);
  /** A folder with one secret and a policy refreshing `url` with the given script and password. */
  const scenario = (name: string, url: string, o: { script?: number; password?: string } = {}): SimSecret => {
    const folder = st.addFolder(name, seed.rootFolderId);
    st.grantFolder(folder.id, app.id, 'View', 'View');
    const conn = st.addSecret(`conn-${name}`, {
      templateId: template.id,
      folderId: seed.rootFolderId,
      values: { tenanturl: ss.url, clientid: APP.userName, clientsecret: o.password ?? APP.password, credcacheurl: url, domain: '' },
    });
    st.grantSecret(conn.id, app.id, 'View');
    st.addCredentialsCachePolicy({
      name: `Refresh ${name}`,
      folderIds: [folder.id],
      scriptId: o.script ?? seedScript.scriptId,
      connectionSecretId: conn.id,
      siteId: seed.defaultSiteId,
    });
    return st.addSecret(`${name}-db`, { templateId: seed.passwordTemplateId, folderId: folder.id, values: { password: 'old' } });
  };
  const secrets = {
    ok: scenario('ok', caches.hq.url),
    stopped: scenario('stopped', caches.branch.url),
    wrongPassword: scenario('wrongpw', caches.hq.url, { password: 'Not-The-Password-1' }),
    tls: scenario('tls', caches.hq.httpsUrl ?? '', { script: hardened.scriptId }),
    slow: scenario('slow', caches.slow.url),
    silent: scenario('silent', caches.hq.url),
  };
  const { ctx, services, router } = testServices();
  const ssId = services.connections.create({
    kind: 'secret-server',
    name: 'Test Secret Server',
    baseUrl: ss.url,
    username: seed.adminUserName,
    password: seed.adminPassword,
  }).id;
  const profile = (name: string, url: string, logPath?: string) =>
    services.connections.create({ kind: 'credentials-cache', name, url, secretServerProfileId: ssId, ...(logPath ? { logPath } : {}) }).id;
  const ids = {
    hq: profile('HQ', caches.hq.url, caches.hq.settings().LogPath),
    branch: profile('Branch', caches.branch.url, caches.branch.settings().LogPath),
    slow: profile('Slow', caches.slow.url, caches.slow.settings().LogPath),
    quiet: profile('Quiet', caches.quiet.url, caches.quiet.installDir),
    nowhere: profile('Nowhere', 'http://127.0.0.1:9', join(dir, 'missing', 'Logs')),
    unset: profile('Unset', 'http://127.0.0.1:9'),
  };
  const send = (channel: Channel, payload: unknown, requestId?: string) =>
    router.dispatch(channel, payload, requestId ? { requestId } : {});
  return {
    dir,
    engineLog,
    ss,
    caches,
    secrets,
    ids,
    ssId,
    ctx,
    services,
    send,
    async call<C extends Channel>(channel: C, payload: ReqIn<C>, requestId?: string): Promise<Res<C>> {
      const env: Envelope<unknown> = await send(channel, payload, requestId);
      if (!env.ok) throw new Error(`${channel} failed: ${env.error.code} ${env.error.message}`);
      return env.result as Res<C>;
    },
    async close() {
      await closeServices(services);
      await Promise.all([ss.close(), ...Object.values(caches).map((c) => c.close().catch(() => undefined))]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The rig's type. */
export type ActivityRig = Awaited<ReturnType<typeof activityRig>>;
