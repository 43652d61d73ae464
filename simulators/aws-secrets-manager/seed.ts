import type { SecretsState } from './state';

/** What the demo seed created, so the demo and tests can refer to it. */
export interface DemoSeed {
  readonly names: readonly string[];
  /** Scheduled for deletion: shows the "blocked" sync state. */
  readonly scheduledForDeletion: string;
  /** Has AWSPREVIOUS and a deprecated version. */
  readonly rotated: string;
}

/**
 * A small, realistic account for the demo environment: secrets pushed from Secret Server (JSON of
 * field slugs plus `delinea:*` tags), a plain string written by Secret Server's single-mode push,
 * a binary secret, one unmanaged secret, one rotated twice and one scheduled for deletion.
 */
export function seedDemoSecrets(state: SecretsState, prefix = 'delinea/prod/'): DemoSeed {
  const tags = (id: number, templateId = 6003): Record<string, string> => ({
    'delinea:secretId': String(id),
    'delinea:templateId': String(templateId),
  });
  state.put(`${prefix}sql-prod-sa`, { username: 'sa', password: 'Demo-Only-Pa55!' }, tags(101));
  state.put(`${prefix}servicenow-mid`, { username: 'svc-mid', password: 'Demo-Mid-2024!' }, tags(102));
  state.put(`${prefix}api-token`, 'demo-token-value-not-real', tags(103, 6001));
  state.put(`${prefix}tls-cert`, new Uint8Array([0x30, 0x82, 0x01, 0x0a, 0x02, 0x82]), tags(104, 6010));
  const rotated = `${prefix}oracle-app`;
  state.put(rotated, { username: 'app', password: 'Demo-Rot-1' }, tags(105));
  state.put(rotated, { username: 'app', password: 'Demo-Rot-2' });
  state.put(rotated, { username: 'app', password: 'Demo-Rot-3' });
  const scheduled = `${prefix}legacy-ftp`;
  state.put(scheduled, { username: 'ftp', password: 'Demo-Old-1' }, tags(106));
  state.delete(scheduled, { recoveryWindowInDays: 7 });
  state.put('team-x/unmanaged-key', 'not-from-secret-server', { owner: 'team-x' });
  return { names: state.all().map((s) => s.name), scheduledForDeletion: scheduled, rotated };
}
