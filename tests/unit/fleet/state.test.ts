import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RefreshOutcome } from '../../../contract/channels/fleet';
import { FleetState } from '../../../main/fleet/state';

const outcome = (profileId: string, ok: boolean, failedStep?: RefreshOutcome['failedStep']): RefreshOutcome => ({
  profileId,
  name: profileId,
  secretId: 42,
  ok,
  ...(failedStep ? { failedStep } : {}),
  message: ok ? 'Accepted' : 'failed',
  at: new Date(0).toISOString(),
  durationMs: 5,
});

describe('fleet state', () => {
  it('remembers the last refresh per instance across restarts and derives health from it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ec-fleet-'));
    const s = new FleetState(dir);
    s.recordRefreshes([outcome('a', true), outcome('b', false, 'reach'), outcome('c', false, 'token')]);
    expect(s.healthOf('a')).toMatchObject({ reachable: 'up', token: 'ok' });
    expect(s.healthOf('b')).toMatchObject({ reachable: 'down', token: 'unknown' });
    expect(s.healthOf('c')).toMatchObject({ reachable: 'up', token: 'failed' });
    const again = new FleetState(dir);
    expect(again.lastRefresh('b')).toMatchObject({ ok: false, failedStep: 'reach' });
    // Health is not persisted: it is re-checked, not trusted from an old run.
    expect(again.healthOf('a')).toBeUndefined();
    again.prune(new Set(['a']));
    expect(again.lastRefresh('b')).toBeUndefined();
  });

  it('ignores a broken fleet-state.json (history only) and keeps working', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ec-fleet-'));
    writeFileSync(join(dir, 'fleet-state.json'), '[1,2');
    const s = new FleetState(dir);
    expect(s.lastRefresh('a')).toBeUndefined();
    s.recordRefreshes([outcome('a', true)]);
    expect(new FleetState(dir).lastRefresh('a')).toMatchObject({ ok: true });
  });
});
