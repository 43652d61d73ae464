import type { z } from 'zod';
import { appChannels } from './channels/app';
import { logsChannels } from './channels/logs';
import { connectionsChannels } from './channels/connections';
import { fleetChannels } from './channels/fleet';
import { demoChannels } from './channels/demo';
import type { ChannelDef } from './define';

/**
 * The one channel map: `'<area>:<verb>'` → request schema + result type.
 * To add an area, write `channels/<area>.ts` and spread it here.
 */
export const channels = {
  ...appChannels,
  ...logsChannels,
  ...connectionsChannels,
  ...fleetChannels,
  ...demoChannels,
} as const;

/** Every channel name. */
export type Channel = keyof typeof channels;

/** A channel's request (after schema defaults are applied). */
export type Req<C extends Channel> = z.output<(typeof channels)[C]['request']>;

/** A channel's request as the caller may write it (before defaults). */
export type ReqIn<C extends Channel> = z.input<(typeof channels)[C]['request']>;

/** A channel's result. */
export type Res<C extends Channel> = (typeof channels)[C] extends ChannelDef<z.ZodType, infer R> ? R : never;

/** All channel names at run time. */
export const CHANNEL_NAMES = Object.keys(channels) as Channel[];

/** True when `name` is a channel of the contract. */
export function isChannel(name: string): name is Channel {
  return Object.prototype.hasOwnProperty.call(channels, name);
}

/** Per-call options: a request id for long work (progress + cancel). */
export interface CallMeta {
  readonly requestId?: string;
}
