import type { AwsSimulator } from '../../simulators/aws-secrets-manager';
import type { SimSecret, SimState } from '../../simulators/secret-server';

/**
 * Mirrors some Secret Server secrets into the AWS simulator the way a vault link would
 * (`<folder>/<secret>` with a JSON value): most in sync, some with a stale password, and a few
 * that exist only in AWS — so a sync plan has all of create / update / unchanged to show.
 */
export function seedAws(
  aws: AwsSimulator,
  ss: SimState,
  secrets: readonly SimSecret[],
): { inSync: number; stale: number; awsOnly: number } {
  const mirrored = secrets.filter((_, i) => i % 6 === 0).slice(0, 40);
  let stale = 0;
  for (const [i, s] of mirrored.entries()) {
    const folder = ss.folders.find((f) => f.id === s.folderId)?.folderName ?? 'Shared';
    const outOfDate = i % 4 === 3;
    if (outOfDate) stale++;
    const value = { username: s.values.username ?? '', password: outOfDate ? `old-${s.values.password ?? ''}` : (s.values.password ?? '') };
    aws.state.create({
      name: `engine-console/${slug(folder)}/${s.name}`,
      description: `Mirrored from Secret Server secret ${s.id}`,
      value: { kind: 'string', text: JSON.stringify(value) },
      tags: [{ Key: 'delinea:secretId', Value: String(s.id) }],
    });
  }
  const awsOnly = ['legacy/payments-api-key', 'legacy/reporting-db', 'team-data/etl-service'];
  for (const name of awsOnly)
    aws.state.create({ name, value: { kind: 'string', text: JSON.stringify({ apiKey: `demo-${name.length}` }) } });
  return { inSync: mirrored.length - stale, stale, awsOnly: awsOnly.length };
}

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}
