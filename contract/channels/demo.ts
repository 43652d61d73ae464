import { z } from 'zod';
import { channel, progress, result } from '../define';

/** State of the in-process demo environment. */
export interface DemoStatus {
  readonly running: boolean;
  /** Profiles created for the demo that still exist (ids), also while it is stopped. */
  readonly profileIds: readonly string[];
}

/** Events of the demo area. */
export interface DemoEvents {
  'demo:changed': DemoStatus;
}

const empty = z.object({}).strict();

/** The demo environment: simulators started in-process, with profiles pointing at them. */
export const demoChannels = {
  'demo:status': channel(empty, result<DemoStatus>()),
  /** Starts the demo; `fresh`: without the Credentials Cache pipeline setup (seed 000), to try the setup wizard from the start. */
  'demo:start': channel(z.object({ fresh: z.boolean().default(false) }).strict(), result<DemoStatus>(), { progress: progress<null>() }),
  /** Stops the simulators and deletes the demo's profiles and their credentials. */
  'demo:remove': channel(empty, result<DemoStatus>()),
} as const;
