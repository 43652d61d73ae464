import { describe, expect, it } from 'vitest';
import { SecretsState, seedDemoSecrets } from '../../../simulators/aws-secrets-manager';

const DAY = 86_400_000;

describe('simulator state rules', () => {
  it('purges a scheduled secret once its recovery window has passed', () => {
    let now = new Date('2025-01-01T00:00:00Z');
    const s = new SecretsState({ region: 'us-east-1', accountId: '1', now: () => now });
    s.put('a', 'v');
    s.delete('a', { recoveryWindowInDays: 7 });
    now = new Date(now.getTime() + 6 * DAY);
    expect(s.find('a')?.deletedDate).toBeDefined();
    now = new Date(now.getTime() + 2 * DAY);
    expect(s.find('a')).toBeUndefined();
  });

  it('drops the oldest deprecated version at the cap and refuses when every version is labelled', () => {
    const s = new SecretsState({ region: 'us-east-1', accountId: '1', maxVersions: 3 });
    s.put('v', '1');
    s.put('v', '2');
    s.put('v', '3');
    s.put('v', '4');
    expect(s.find('v')?.versions.size).toBe(3);
    const small = new SecretsState({ region: 'us-east-1', accountId: '1', maxVersions: 2 });
    small.put('w', '1');
    small.put('w', '2');
    // AWSCURRENT and AWSPREVIOUS hold both versions: nothing can be dropped.
    expect(() => small.putValue('w', undefined, { kind: 'string', text: '3' }, ['AWSPENDING'])).toThrow(/maximum number of versions/);
  });

  it('stores objects as JSON and binary as bytes when seeding', () => {
    const s = new SecretsState({ region: 'us-east-1', accountId: '1' });
    s.put('json', { user: 'u', password: 'p' }, { team: 'ops' });
    s.put('bin', new Uint8Array([1, 2]));
    const json = [...(s.find('json')?.versions.values() ?? [])][0];
    expect(json?.value).toEqual({ kind: 'string', text: '{"user":"u","password":"p"}' });
    expect(s.find('json')?.tags).toEqual([{ Key: 'team', Value: 'ops' }]);
    expect([...(s.find('bin')?.versions.values() ?? [])][0]?.value.kind).toBe('binary');
  });
});

describe('demo seed', () => {
  it('creates managed, unmanaged, rotated and scheduled secrets', () => {
    const s = new SecretsState({ region: 'us-east-1', accountId: '1' });
    const seed = seedDemoSecrets(s);
    expect(seed.names.length).toBeGreaterThanOrEqual(7);
    expect(s.find(seed.scheduledForDeletion)?.deletedDate).toBeDefined();
    expect(s.find(seed.rotated)?.versions.size).toBe(3);
    expect(s.all().filter((r) => r.tags.some((t) => t.Key === 'delinea:secretId')).length).toBe(6);
  });
});
