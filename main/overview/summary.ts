import type { ConnectionHealth, OverviewSummary, ProfileView } from '../../contract/channels/connections';
import type { FleetInstance } from '../../contract/channels/fleet';
import type { Services } from '../app/services';

/**
 * The Overview: each connection's health, and cache instances up or down (`quickCheck` probes
 * the instances first). Every figure carries when it was measured; for a cache instance the
 * newer of its last Test connection and its Fleet check wins, so the list never contradicts the
 * up/down tile. Failed runs come from `activity:summary` (the Overview asks it separately, so a slow
 * Secret Server never holds up the rest); sync results are reported as not available rather than guessed.
 */
export async function overviewSummary(
  { context, connections, fleet, demo }: Pick<Services, 'context' | 'connections' | 'fleet' | 'demo'>,
  quickCheck: boolean,
  signal?: AbortSignal,
): Promise<OverviewSummary> {
  const instances = await fleet.list(quickCheck, signal);
  const byId = new Map(instances.map((i) => [i.profileId, i]));
  const health = connections.list().map((p) => healthOf(p, byId.get(p.id)));
  const checked = instances.flatMap((i) => (i.checkedAt ? [i.checkedAt] : [])).sort();
  return {
    connections: health,
    cache: {
      total: instances.length,
      up: instances.filter((i) => i.reachable === 'up').length,
      down: instances.filter((i) => i.reachable === 'down').length,
      unknown: instances.filter((i) => i.reachable === 'unknown').length,
      ...(checked[0] ? { checkedAt: checked[0] } : {}),
    },
    lastSync: { available: false, reason: 'Vault sync is not built yet.' },
    demo: context.demo || demo.status().running,
  };
}

function healthOf(p: ProfileView, fleet: FleetInstance | undefined): ConnectionHealth {
  const base = { id: p.id, name: p.name, kind: p.kind };
  const test = p.lastTest;
  const fleetAt = fleet?.reachable !== 'unknown' ? fleet?.checkedAt : undefined;
  if (fleet && fleetAt && (!test || Date.parse(fleetAt) > Date.parse(test.at))) {
    const ok = fleet.reachable === 'up' && fleet.token !== 'failed';
    return {
      ...base,
      state: ok ? 'ok' : 'failing',
      message: `Fleet check: ${fleet.message ?? (ok ? 'reachable' : 'not reachable')}`,
      at: fleetAt,
      source: 'fleet-check',
    };
  }
  if (!test) return { ...base, state: 'untested', message: 'Not tested yet. Run Test connection on the Connections screen.' };
  return { ...base, state: test.ok ? 'ok' : 'failing', message: test.message, at: test.at, source: 'test' };
}
