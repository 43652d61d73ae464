import type { DemoStatus } from '../../contract/channels/demo';
import type { AppContext } from '../app/context';
import type { ConnectionService } from '../connections/service';
import { removeDemoProfiles, upsertDemoProfiles } from './profiles';
import { readDemoProfileIds } from './record';
import { startDemo, type DemoEnvironment } from './start';

/**
 * The demo environment of one app context: started at most once (concurrent starts share one
 * promise), with profiles pointing at it so every screen has something to show.
 */
export class DemoController {
  private env: DemoEnvironment | undefined;
  private starting: Promise<DemoEnvironment> | undefined;

  constructor(
    private readonly ctx: Pick<AppContext, 'events' | 'dataDir'>,
    private readonly connections: ConnectionService,
  ) {}

  /** Running state and the ids of the demo's profiles that still exist (also while stopped). */
  status(): DemoStatus {
    const store = this.connections.store;
    return { running: Boolean(this.env), profileIds: readDemoProfileIds(this.ctx.dataDir).filter((id) => store.find(id)) };
  }

  /**
   * Starts the simulators (once) and creates or re-points the demo profiles, every time: after a
   * restart they point at the new ports and carry the new credentials, and profiles the user
   * deleted come back. `fresh`: without the Credentials Cache pipeline setup, for the setup wizard.
   */
  async start(opts: { fresh?: boolean } = {}): Promise<DemoStatus> {
    // A fresh start replaces a running demo that has the setup (and the other way round).
    if (this.env && this.env.info.fresh !== (opts.fresh === true)) await this.stop();
    if (!this.env) {
      this.starting ??= startDemo({ fresh: opts.fresh === true }).finally(() => (this.starting = undefined));
      this.env = await this.starting;
    }
    upsertDemoProfiles(this.connections, this.env.info, this.ctx.dataDir);
    this.ctx.events.emit('demo:changed', this.status());
    this.ctx.events.emit('fleet:changed', {});
    return this.status();
  }

  /** The running environment (for the command line and tests). */
  environment(): DemoEnvironment | undefined {
    return this.env;
  }

  /** Stops the simulators; the profiles stay (they point at closed ports until the next start). */
  async stop(): Promise<void> {
    const env = this.env ?? (this.starting ? await this.starting.catch(() => undefined) : undefined);
    this.env = undefined;
    await env?.close();
    if (env) this.ctx.events.emit('demo:changed', this.status());
  }

  /** Stops the simulators and deletes the demo's profiles with their credentials (`demo:remove`). */
  async remove(): Promise<DemoStatus> {
    await this.stop();
    removeDemoProfiles(this.connections, this.ctx.dataDir);
    this.ctx.events.emit('demo:changed', this.status());
    this.ctx.events.emit('fleet:changed', {});
    return this.status();
  }
}
