import type { Notice } from './channels/app';
import type { LogsEvents } from './channels/logs';
import type { ConnectionsEvents } from './channels/connections';
import type { FleetEvents } from './channels/fleet';
import type { DemoEvents } from './channels/demo';
import type { Settings } from './settings';

/** Progress of a long request, keyed by the request id the caller chose. */
export interface JobProgress {
  readonly requestId: string;
  readonly done: number;
  readonly total?: number;
  readonly message?: string;
  /** Channel-specific partial data (streamed search hits, new log lines, …). */
  readonly data?: unknown;
}

/** App-wide events. */
export interface AppEvents {
  'job:progress': JobProgress;
  'app:notice': Notice;
  'settings:changed': Settings;
}

/**
 * Main → renderer events: event name → payload. Each area declares its own interface next to
 * its channels and it is added here. One renderer listener maps `<area>:changed` events to
 * invalidation of that area's queries.
 */
export interface EventMap extends AppEvents, LogsEvents, ConnectionsEvents, FleetEvents, DemoEvents {}

/** An event name. */
export type EventName = keyof EventMap;
