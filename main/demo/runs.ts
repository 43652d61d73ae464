import { SecretServerClient, changeSecretPassword } from '../secret-server';
import type { SecretServerSimulator } from '../../simulators/secret-server';
import type { DemoWorld } from './world';

/** How the run producer signs in and when it stops the Branch cache. */
export interface RunPlan {
  readonly admin: { readonly username: string; readonly password: string };
  /** Stops the second cache between the two rounds. */
  stopBranch(): Promise<void>;
}

/**
 * Produces real pipeline runs the way an admin would: password changes through the REST API.
 * Round one (both caches up) gives successful runs on both; round two, after the Branch cache
 * is stopped, gives successes on HQ and "actively refused" failures on Branch.
 */
export async function produceRuns(ss: SecretServerSimulator, world: DemoWorld, plan: RunPlan): Promise<void> {
  // The seeding admin is no connection profile, so this client is not pooled; it signs out at the end.
  const client = new SecretServerClient({ profile: { baseUrl: ss.url, ...plan.admin } });
  const [first = [], second = []] = [world.pipelineSecrets.slice(0, 4), world.pipelineSecrets.slice(4, 9)];
  for (const s of first) await changeSecretPassword(client, s.id, { comment: 'Demo: scheduled rotation' });
  await ss.runner.idle();
  await plan.stopBranch();
  for (const s of second) await changeSecretPassword(client, s.id, { comment: 'Demo: rotation after the Branch cache service stopped' });
  await ss.runner.idle();
  await client.signOut();
}
