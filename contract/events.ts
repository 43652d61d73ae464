import type { Notice } from './channels/app';
import type { LogsEvents } from './channels/logs';
import type { ConnectionsEvents } from './channels/connections';
import type { FleetEvents } from './channels/fleet';
import type { DemoEvents } from './channels/demo';
import type { JobsEvents } from './channels/jobs';
import type { SetupEvents } from './channels/setup';
import type { Settings } from './settings';

/** App-wide events. */
export interface AppEvents {
  'app:notice': Notice;
  'settings:changed': Settings;
}

/**
 * Main → renderer events: event name → payload. Each area declares its own interface next to
 * its channels and it is added here. One renderer listener maps `<area>:changed` events to
 * invalidation of that area's queries.
 */
export interface EventMap extends AppEvents, LogsEvents, ConnectionsEvents, FleetEvents, DemoEvents, JobsEvents, SetupEvents {}

/** An event name. */
export type EventName = keyof EventMap;
