import { SecretServerClient, changeSecretPassword } from '../secret-server';
import type { SecretServerSimulator } from '../../simulators/secret-server';
import type { FailureScenario } from './failures';
import type { DemoWorld } from './world';

/** How the run producer signs in, when it stops the Branch cache, and the failure scenarios to fire. */
export interface RunPlan {
  readonly admin: { readonly username: string; readonly password: string };
  /** Stops the second cache between the two rounds. */
  stopBranch(): Promise<void>;
  /** Makes HQ's next /api/secretchanged call fail (the seed script then still reports Success). */
  failNextSecretChangedOnHq(): void;
  readonly scenarios: readonly FailureScenario[];
}

/**
 * Produces real pipeline runs the way an admin would: password changes through the REST API.
 * Round one (both caches up) gives successful runs on both, except the first on HQ, whose
 * /api/secretchanged call fails while the seed script still reports Success; then one change
 * per failure scenario (untrusted certificate, old connection password, DMZ engine offline);
 * round two, after the Branch cache is stopped, gives successes on HQ and "actively refused"
 * failures on Branch.
 */
export async function produceRuns(ss: SecretServerSimulator, world: DemoWorld, plan: RunPlan): Promise<void> {
  // The seeding admin is no connection profile, so this client is not pooled; it signs out at the end.
  const client = new SecretServerClient({ profile: { baseUrl: ss.url, ...plan.admin } });
  const [first = [], second = []] = [world.pipelineSecrets.slice(0, 4), world.pipelineSecrets.slice(4, 9)];
  plan.failNextSecretChangedOnHq();
  for (const s of first) {
    await changeSecretPassword(client, s.id, { comment: 'Demo: scheduled rotation' });
    // One at a time, so the armed HQ failure hits the first change only.
    await ss.runner.idle();
  }
  for (const scenario of plan.scenarios)
    for (const s of scenario.secrets) await changeSecretPassword(client, s.id, { comment: 'Demo: scheduled rotation' });
  await ss.runner.idle();
  await plan.stopBranch();
  for (const s of second) await changeSecretPassword(client, s.id, { comment: 'Demo: rotation after the Branch cache service stopped' });
  await ss.runner.idle();
  await client.signOut();
}
