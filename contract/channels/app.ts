import { z } from 'zod';
import { channel, result } from '../define';
import { rendererSettingsPatchSchema, type Settings } from '../settings';

const empty = z.object({}).strict();

/** Versions and mode shown on the About page. */
export interface AppInfo {
  readonly name: string;
  readonly version: string;
  readonly mode: 'desktop' | 'serve';
  readonly platform: string;
  readonly versions: Readonly<Record<string, string>>;
  readonly dataDir: string;
  readonly demo: boolean;
  /** When this main process started: results measured before it are shown as stale. */
  readonly startedAt: string;
}

/** A message main wants the user to see (corrupt store backed up, …). */
export interface Notice {
  readonly id: string;
  readonly severity: 'info' | 'success' | 'warning' | 'error';
  readonly message: string;
  readonly at: string;
}

/** State of the credential store. */
export interface SecretStoreStatus {
  readonly backend: 'safeStorage' | 'encrypted-file' | 'memory';
  readonly available: boolean;
  readonly count: number;
}

/** Results older than this are shown as stale (and so are results from before this start). */
export const STALE_AFTER_MS = 15 * 60_000;

/** App-wide channels: info, notices, settings. */
export const appChannels = {
  'app:info': channel(empty, result<AppInfo>()),
  'app:notices': channel(empty, result<readonly Notice[]>()),
  'app:dismissNotice': channel(z.object({ id: z.string().min(1).max(100) }).strict(), result<void>()),
  'settings:get': channel(empty, result<Settings>()),
  'settings:update': channel(rendererSettingsPatchSchema, result<Settings>()),
  'secrets:status': channel(empty, result<SecretStoreStatus>()),
} as const;
