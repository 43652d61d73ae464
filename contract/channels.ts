import type { z } from 'zod';
import { appChannels } from './channels/app';
import { logsChannels } from './channels/logs';
import { logsTimelineChannels } from './channels/logs-timeline';
import { connectionsChannels } from './channels/connections';
import { fleetChannels } from './channels/fleet';
import { demoChannels } from './channels/demo';
import { jobsChannels } from './channels/jobs';
import { activityChannels } from './channels/activity';
import { setupChannels } from './channels/setup';
import type { ChannelDef } from './define';

/**
 * The one channel map: `'<area>:<verb>'` → request schema + result type.
 * To add an area, write `channels/<area>.ts` and spread it here.
 */
export const channels = {
  ...appChannels,
  ...logsChannels,
  ...logsTimelineChannels,
  ...connectionsChannels,
  ...fleetChannels,
  ...demoChannels,
  ...jobsChannels,
  ...activityChannels,
  ...setupChannels,
} as const;

/** Every channel name. */
export type Channel = keyof typeof channels;

/** A channel's request (after schema defaults are applied). */
export type Req<C extends Channel> = z.output<(typeof channels)[C]['request']>;

/** A channel's request as the caller may write it (before defaults). */
export type ReqIn<C extends Channel> = z.input<(typeof channels)[C]['request']>;

/** A channel's result. */
export type Res<C extends Channel> = (typeof channels)[C] extends ChannelDef<z.ZodType, infer R, unknown> ? R : never;

/** A job channel's progress data (`never` for other channels). */
export type Progress<C extends Channel> = (typeof channels)[C] extends ChannelDef<z.ZodType, unknown, infer P> ? P : never;

/** The channels that run as jobs. */
export type JobChannel = { [C in Channel]: [Progress<C>] extends [never] ? never : C }[Channel];

/** All channel names at run time. */
export const CHANNEL_NAMES = Object.keys(channels) as Channel[];

/** True when `name` is a channel of the contract. */
export function isChannel(name: string): name is Channel {
  return Object.prototype.hasOwnProperty.call(channels, name);
}

/** Per-call options: the id a job channel's job gets (the caller picks it to follow the job's events). */
export interface CallMeta {
  readonly requestId?: string;
}

/** True when `name` is a job channel. */
export function isJobChannel(name: Channel): name is JobChannel {
  return channels[name].job;
}
