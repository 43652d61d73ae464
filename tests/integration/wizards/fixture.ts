import type { Channel, Envelope, ReqIn, Res } from '../../../contract';
import type { CachePipelineInputs } from '../../../contract/channels/setup';
import { closeServices, type Services } from '../../../main/app/services';
import { startDemo, type DemoEnvironment } from '../../../main/demo/start';
import type { Router } from '../../../main/ipc/router';
import { testServices } from '../../unit/foundation/helpers';

/** A fresh demo (no seed 000 setup), services on a temporary data folder, and profiles for the wizard. */
export interface WizardRig {
  readonly demo: DemoEnvironment;
  readonly services: Services;
  readonly router: Router;
  /** The admin's Secret Server profile, the application account's, and the HQ cache's. */
  readonly ids: { admin: string; app: string; hq: string };
  readonly inputs: CachePipelineInputs;
  call<C extends Channel>(channel: C, payload: ReqIn<C>): Promise<Res<C>>;
  send(channel: Channel, payload: unknown): Promise<Envelope<unknown>>;
  close(): Promise<void>;
}

let n = 0;

/** Starts the rig; `fresh: false` gives the full demo with its own setup. */
export async function wizardRig(opts: { fresh?: boolean } = {}): Promise<WizardRig> {
  const demo = await startDemo({ fresh: opts.fresh ?? true });
  const { services, router } = testServices();
  const ss = demo.info.secretServer;
  const admin = services.connections.create({
    kind: 'secret-server',
    name: 'SS admin',
    baseUrl: ss.url,
    username: ss.admin.username,
    password: ss.admin.password,
  }).id;
  const app = services.connections.create({
    kind: 'secret-server',
    name: 'SS app',
    baseUrl: ss.url,
    username: ss.username,
    password: ss.password,
  }).id;
  const c = demo.info.credentialsCache[0]!;
  const hq = services.connections.create({
    kind: 'credentials-cache',
    name: c.name,
    url: c.url,
    secretServerProfileId: app,
    logPath: c.logPath,
    siteLabel: c.site,
  }).id;
  const send = (channel: Channel, payload: unknown) => router.dispatch(channel, payload, { requestId: `wizard-test-${++n}` });
  return {
    demo,
    services,
    router,
    ids: { admin, app, hq },
    inputs: {
      secretServerProfileId: admin,
      applicationAccount: ss.username,
      roleName: 'Credentials Cache Integration',
      templateName: 'Credentials Cache Connection',
      folder: '\\Shared\\Integrations',
      targetFolders: ['\\Shared\\Applications'],
      site: 'Default',
      credentialsCacheProfileIds: [hq],
      scriptName: 'Credentials Cache - Secret Changed',
      policyName: 'Refresh Credentials Cache',
      breakInheritance: true,
      labSkipCertificateCheck: false,
    },
    send,
    async call(channel, payload) {
      const env = await send(channel, payload);
      if (!env.ok) throw new Error(`${channel} failed: ${env.error.code} ${env.error.message}`);
      return env.result as never;
    },
    close: async () => {
      await closeServices(services);
      await demo.close();
    },
  };
}

/** Keys of the changes a view's plan would write. */
export function applicable(view: Res<'setup:plan'>): string[] {
  return view.steps.flatMap((s) => s.changes.filter((c) => c.action === 'create' || c.action === 'update').map((c) => c.key));
}
