import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { createSecretsManagerClient, type AwsProfile } from '../../../main/aws';
import { startAwsSecretsManagerSimulator, type AwsSimulator, type AwsSimulatorOptions } from '../../../simulators/aws-secrets-manager';

/** A simulator plus clients that point at it; `close()` tears everything down. */
export interface AwsFixture {
  readonly sim: AwsSimulator;
  /** A client with the default simulator key; `maxAttempts` 1 unless given. */
  client(overrides?: Partial<AwsProfile>): SecretsManagerClient;
  close(): Promise<void>;
}

/** Starts a simulator and hands out clients bound to it. */
export async function startAwsFixture(opts: AwsSimulatorOptions = {}): Promise<AwsFixture> {
  const sim = await startAwsSecretsManagerSimulator(opts);
  const clients: SecretsManagerClient[] = [];
  return {
    sim,
    client(overrides = {}) {
      const c = createSecretsManagerClient({
        region: sim.region,
        endpoint: sim.endpoint,
        credentials: { kind: 'static', key: sim.credentials },
        maxAttempts: 1,
        ...overrides,
      });
      clients.push(c);
      return c;
    },
    async close() {
      for (const c of clients) c.destroy();
      await sim.close();
    },
  };
}
