import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startAwsSecretsManagerSimulator, type AwsSimulator } from '../../simulators/aws-secrets-manager';
import { DEMO_TLS, startCredentialsCacheSimulator, type CredentialsCacheSimulator } from '../../simulators/credentials-cache';
import { startSecretServerSimulator, type SecretServerSimulator } from '../../simulators/secret-server';
import { seedAws } from './aws-seed';
import { seedFailureScenarios } from './failures';
import { produceRuns } from './runs';
import { DEMO_APP_ACCOUNT, seedDemoWorld } from './world';

/** Where the demo's simulators listen and how to sign in (throw-away values, printed by `engine-console demo`). */
export interface DemoInfo {
  readonly secretServer: {
    readonly url: string;
    readonly username: string;
    readonly password: string;
    /** An account allowed to administer the demo (roles, templates, scripts, pipelines): for the setup wizard. */
    readonly admin: { readonly username: string; readonly password: string };
  };
  /** True when started without the Credentials Cache pipeline setup (seed 000), for the setup wizard. */
  readonly fresh: boolean;
  readonly credentialsCache: ReadonlyArray<{
    readonly name: string;
    readonly url: string;
    readonly logPath: string;
    readonly site: string;
    readonly reachable: boolean;
  }>;
  readonly aws: { readonly endpoint: string; readonly region: string; readonly accessKeyId: string; readonly secretAccessKey: string };
  /** The "Amazon IAM Key" secret in Secret Server that holds the AWS key. */
  readonly amazonIamKeySecretId: number;
  /** The simulated Distributed Engine's log folder (`SSDE.log`, log4net). */
  readonly engineLogPath: string;
}

/** A running demo environment. */
export interface DemoEnvironment {
  readonly info: DemoInfo;
  readonly secretServer: SecretServerSimulator;
  readonly caches: readonly CredentialsCacheSimulator[];
  readonly aws: AwsSimulator;
  /** Stops every simulator and removes the temporary folder (log files included). */
  close(): Promise<void>;
}

/** Options of `startDemo`. */
export interface DemoOptions {
  /** Folder for the caches' install folders and logs (default: a new temporary folder, removed on close). */
  readonly baseDir?: string;
  /** Without the Credentials Cache pipeline setup (no role, template, connection secrets, script, policies or runs). */
  readonly fresh?: boolean;
}

const CACHES = [
  { name: 'Engine host HQ', site: 'Default' },
  { name: 'Engine host Branch', site: 'Branch Office' },
] as const;

/**
 * Starts Secret Server, two Credentials Cache instances and AWS Secrets Manager in-process on
 * 127.0.0.1, seeds a realistic world and produces real pipeline runs by changing passwords:
 * first with both caches up, then with the Branch cache stopped, so it shows as down and its runs
 * fail the way a stopped service does.
 */
export async function startDemo(opts: DemoOptions = {}): Promise<DemoEnvironment> {
  const ownDir = !opts.baseDir;
  const baseDir = opts.baseDir ?? mkdtempSync(join(tmpdir(), 'engine-console-demo-'));
  const started: Array<{ close(): Promise<void> }> = [];
  try {
    const engineLogPath = join(baseDir, 'distributed-engine', 'log');
    const ss = await startSecretServerSimulator({ runner: { engineLogDir: engineLogPath } });
    started.push(ss);
    const caches: CredentialsCacheSimulator[] = [];
    for (const [i] of CACHES.entries()) {
      const cache = await startCredentialsCacheSimulator({
        installDir: mkdtempSync(join(baseDir, `credcache-${i + 1}-`)),
        basePath: '/DelineaCredCache',
        // HQ's IIS site also has an https binding, with a certificate the engine host does not trust.
        ...(i === 0 ? { tls: DEMO_TLS } : {}),
      });
      caches.push(cache);
      started.push(cache);
    }
    const aws = await startAwsSecretsManagerSimulator();
    started.push(aws);
    const seed = ss.seed;
    if (!seed) throw new Error('The Secret Server simulator started without its base seed.');
    const world = seedDemoWorld(ss.state, seed, {
      caches: CACHES.map((c, i) => ({ name: c.name, site: c.site, url: caches[i]?.url ?? '' })),
      ssUrl: ss.url,
      iamKey: aws.credentials,
      fresh: opts.fresh === true,
    });
    seedAws(aws, ss.state, world.otherSecrets);
    const [hq, branch] = caches;
    const scenarios = opts.fresh
      ? undefined
      : seedFailureScenarios(ss.state, seed, {
          ssUrl: ss.url,
          hq: { name: CACHES[0].name, url: hq?.url ?? '', httpsUrl: hq?.httpsUrl ?? '' },
          connectionTemplateId: world.connectionTemplateId,
          integrationFolderId: world.integrationFolderId,
          appUserId: world.appUserId,
        });
    if (scenarios)
      await produceRuns(ss, world, {
        admin: { username: seed.adminUserName, password: seed.adminPassword },
        stopBranch: async () => branch?.close(),
        failNextSecretChangedOnHq: () => hq?.faults.burst({ status: 503, count: 1, path: '/api/secretchanged' }),
        scenarios,
      });
    const info: DemoInfo = {
      secretServer: {
        url: ss.url,
        username: DEMO_APP_ACCOUNT.userName,
        password: DEMO_APP_ACCOUNT.password,
        admin: { username: seed.adminUserName, password: seed.adminPassword },
      },
      fresh: opts.fresh === true,
      credentialsCache: CACHES.map((c, i) => ({
        name: c.name,
        site: c.site,
        url: caches[i]?.url ?? '',
        logPath: caches[i]?.settings().LogPath ?? '',
        reachable: i === 0 || opts.fresh === true,
      })),
      aws: { endpoint: aws.endpoint, region: aws.region, ...aws.credentials },
      amazonIamKeySecretId: world.amazonIamKeySecretId,
      engineLogPath,
    };
    return {
      info,
      secretServer: ss,
      caches,
      aws,
      close: async () => {
        await closeAll(started);
        if (ownDir) rmSync(baseDir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    await closeAll(started);
    if (ownDir) rmSync(baseDir, { recursive: true, force: true });
    throw err;
  }
}

async function closeAll(started: ReadonlyArray<{ close(): Promise<void> }>): Promise<void> {
  // The Branch cache is already closed by design; closing twice must not hide other failures.
  await Promise.all(started.map((s) => s.close().catch(() => undefined)));
}
