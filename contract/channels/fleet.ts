import { z } from 'zod';
import { channel, progress, result } from '../define';

/**
 * What the instance's own log says after it accepted a refresh (202 only means "accepted"):
 * `refreshed`, `failed` with the cache's reason, or `not-confirmed` (no log path, logging off,
 * log not reachable, or no line about the secret within the window) with why.
 */
export interface RefreshConfirmation {
  readonly state: 'refreshed' | 'failed' | 'not-confirmed';
  /** The cache's reason for a failure, or why the refresh could not be confirmed. */
  readonly reason?: string;
  /** The log line that decided it. */
  readonly line?: string;
}

/** Outcome of refreshing one secret on one instance. */
export interface RefreshOutcome {
  readonly profileId: string;
  readonly name: string;
  readonly secretId: number;
  readonly ok: boolean;
  /** HTTP status of `/api/secretchanged` when one came back (202 on success). */
  readonly status?: number;
  /** Which step failed: reaching the instance, getting a token, or the refresh call itself. */
  readonly failedStep?: 'reach' | 'token' | 'refresh';
  /** After a 202: what the instance's log said about this secret (absent when the call was not accepted). */
  readonly confirmation?: RefreshConfirmation;
  readonly message: string;
  readonly at: string;
  readonly durationMs: number;
}

/** One Credentials Cache instance on the Fleet screen. */
export interface FleetInstance {
  readonly profileId: string;
  readonly name: string;
  readonly url: string;
  readonly siteLabel?: string;
  readonly logPath?: string;
  readonly reachable: 'up' | 'down' | 'unknown';
  readonly token: 'ok' | 'failed' | 'unknown';
  /** What the last check said, in words. */
  readonly message?: string;
  readonly checkedAt?: string;
  readonly lastRefresh?: RefreshOutcome;
}

/** Result of `fleet:refresh`: one outcome per instance, in the order asked. */
export interface RefreshReport {
  readonly secretId: number;
  readonly results: readonly RefreshOutcome[];
  readonly succeeded: number;
  readonly failed: number;
}

/** Progress of a fleet refresh: the outcomes finished since the last report (a snapshot holds all so far). */
export interface RefreshProgressData {
  readonly outcomes: readonly RefreshOutcome[];
}

/** Events of the Fleet area. */
export interface FleetEvents {
  /** An instance was checked or refreshed. */
  'fleet:changed': { readonly profileId?: string };
}

const profileId = z.string().min(1).max(100);

/** Fleet: Credentials Cache instances, their health, and refreshing a secret on one or all. */
export const fleetChannels = {
  'fleet:list': channel(z.object({ check: z.boolean().default(false) }).strict(), result<readonly FleetInstance[]>()),
  'fleet:refresh': channel(
    z
      .object({
        secretId: z.number().int().positive('A secret id is a positive whole number').max(2_147_483_647),
        /** Instances to refresh; omitted = every instance. */
        profileIds: z.array(profileId).min(1).max(200).optional(),
      })
      .strict(),
    result<RefreshReport>(),
    { progress: progress<RefreshProgressData>() },
  ),
} as const;
