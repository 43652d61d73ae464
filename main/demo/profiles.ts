import type { ProfileInput } from '../../contract/channels/connections';
import type { ConnectionService } from '../connections/service';
import type { DemoInfo } from './start';

/** Profile names the demo owns; a restart updates them instead of adding duplicates. */
export const DEMO_NAMES = { secretServer: 'Demo Secret Server', aws: 'Demo AWS Secrets Manager' } as const;

/**
 * Creates (or points again) the profiles of the demo: Secret Server with the application account,
 * AWS with static keys and the simulator endpoint, and one profile per cache instance with its
 * site label and log folder. Returns their ids.
 */
export function upsertDemoProfiles(connections: ConnectionService, info: DemoInfo): string[] {
  const ss = upsert(connections, {
    kind: 'secret-server',
    name: DEMO_NAMES.secretServer,
    baseUrl: info.secretServer.url,
    username: info.secretServer.username,
    password: info.secretServer.password,
  });
  const aws = upsert(connections, {
    kind: 'aws',
    name: DEMO_NAMES.aws,
    region: info.aws.region,
    credentialSource: 'static',
    accessKeyId: info.aws.accessKeyId,
    secretAccessKey: info.aws.secretAccessKey,
    endpoint: info.aws.endpoint,
  });
  const caches = info.credentialsCache.map((c) =>
    upsert(connections, {
      kind: 'credentials-cache',
      name: c.name,
      url: c.url,
      siteLabel: c.site,
      secretServerProfileId: ss,
      logPath: c.logPath,
    }),
  );
  return [ss, aws, ...caches];
}

function upsert(connections: ConnectionService, input: ProfileInput): string {
  const existing = connections.store.list().find((p) => p.kind === input.kind && p.name === input.name);
  return existing ? connections.update(existing.id, input).id : connections.create(input).id;
}
