import { join } from 'node:path';
import { z } from 'zod';
import type { RefreshOutcome } from '../../contract/channels/fleet';
import { loadJsonFile, writeJsonFileAtomic } from '../shared/json-file';

/** What the last check of an instance said (memory only: it is cheap to redo). */
export interface InstanceHealth {
  readonly reachable: 'up' | 'down' | 'unknown';
  readonly token: 'ok' | 'failed' | 'unknown';
  readonly message?: string;
  readonly checkedAt?: string;
}

const outcomeSchema = z.object({
  profileId: z.string(),
  name: z.string(),
  secretId: z.number(),
  ok: z.boolean(),
  status: z.number().optional(),
  failedStep: z.enum(['reach', 'token', 'refresh']).optional(),
  confirmation: z
    .object({ state: z.enum(['refreshed', 'failed', 'not-confirmed']), reason: z.string().optional(), line: z.string().optional() })
    .optional(),
  message: z.string(),
  at: z.string(),
  durationMs: z.number(),
});
const fileSchema = z.object({ version: z.literal(1), lastRefresh: z.record(z.string(), outcomeSchema) });

/**
 * Per-instance health (memory) and last refresh (memory + `<dataDir>/fleet-state.json`, so
 * "last refresh" survives a restart). A broken file is backed up and ignored: it is history only.
 */
export class FleetState {
  private readonly file: string;
  private readonly health = new Map<string, InstanceHealth>();
  private readonly refreshes = new Map<string, RefreshOutcome>();

  constructor(dataDir: string) {
    this.file = join(dataDir, 'fleet-state.json');
    const loaded = loadJsonFile(this.file, (v) => (fileSchema.safeParse(v).success ? null : 'invalid'));
    if (loaded.kind === 'ok') for (const [id, o] of Object.entries(fileSchema.parse(loaded.value).lastRefresh)) this.refreshes.set(id, o);
  }

  /** Last known health of an instance. */
  healthOf(id: string): InstanceHealth | undefined {
    return this.health.get(id);
  }

  /** Records a health check. */
  setHealth(id: string, h: InstanceHealth): void {
    this.health.set(id, h);
  }

  /** Last refresh of an instance. */
  lastRefresh(id: string): RefreshOutcome | undefined {
    return this.refreshes.get(id);
  }

  /** Records refresh outcomes and saves them; a refresh also tells us reachability and token state. */
  recordRefreshes(outcomes: readonly RefreshOutcome[]): void {
    for (const o of outcomes) {
      this.refreshes.set(o.profileId, o);
      this.health.set(o.profileId, {
        reachable: o.failedStep === 'reach' ? 'down' : 'up',
        token: o.failedStep === 'reach' ? 'unknown' : o.failedStep === 'token' ? 'failed' : 'ok',
        message: o.message,
        checkedAt: o.at,
      });
    }
    writeJsonFileAtomic(this.file, { version: 1, lastRefresh: Object.fromEntries(this.refreshes) });
  }

  /** Forgets instances whose profiles are gone. */
  prune(liveIds: ReadonlySet<string>): void {
    for (const id of [...this.health.keys()]) if (!liveIds.has(id)) this.health.delete(id);
    for (const id of [...this.refreshes.keys()]) if (!liveIds.has(id)) this.refreshes.delete(id);
  }
}
