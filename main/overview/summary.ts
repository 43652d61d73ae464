import type { ConnectionHealth, OverviewSummary } from '../../contract/channels/connections';
import type { Services } from '../app/services';

/**
 * The Overview: each connection's last Test connection result, and cache instances up or down
 * (`quickCheck` probes the instances first). Failed runs and sync results belong to features not
 * built yet and are reported as not available rather than guessed.
 */
export async function overviewSummary(
  { context, connections, fleet, demo }: Pick<Services, 'context' | 'connections' | 'fleet' | 'demo'>,
  quickCheck: boolean,
  signal?: AbortSignal,
): Promise<OverviewSummary> {
  const health: ConnectionHealth[] = connections.list().map((p) => ({
    id: p.id,
    name: p.name,
    kind: p.kind,
    state: p.lastTest ? (p.lastTest.ok ? 'ok' : 'failing') : 'untested',
    message: p.lastTest?.message ?? 'Not tested yet. Run Test connection on the Connections screen.',
    ...(p.lastTest ? { at: p.lastTest.at } : {}),
  }));
  const instances = await fleet.list(quickCheck, signal);
  return {
    connections: health,
    cache: {
      total: instances.length,
      up: instances.filter((i) => i.reachable === 'up').length,
      down: instances.filter((i) => i.reachable === 'down').length,
      unknown: instances.filter((i) => i.reachable === 'unknown').length,
    },
    failedRuns24h: { available: false, reason: 'Pipeline activity is not built yet.' },
    lastSync: { available: false, reason: 'Vault sync is not built yet.' },
    demo: context.demo || demo.status().running,
  };
}
