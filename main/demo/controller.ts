import type { DemoStatus } from '../../contract/channels/demo';
import type { AppContext } from '../app/context';
import type { ConnectionService } from '../connections/service';
import { upsertDemoProfiles } from './profiles';
import { startDemo, type DemoEnvironment } from './start';

/**
 * The demo environment of one app context: started at most once (concurrent starts share one
 * promise), with profiles pointing at it so every screen has something to show.
 */
export class DemoController {
  private env: DemoEnvironment | undefined;
  private starting: Promise<DemoEnvironment> | undefined;
  private profileIds: string[] = [];

  constructor(
    private readonly ctx: Pick<AppContext, 'events'>,
    private readonly connections: ConnectionService,
  ) {}

  /** Running state and the demo's profile ids. */
  status(): DemoStatus {
    return { running: Boolean(this.env), profileIds: [...this.profileIds] };
  }

  /** Starts the simulators (once) and creates or re-points the demo profiles. */
  async start(): Promise<DemoStatus> {
    if (!this.env) {
      this.starting ??= startDemo().finally(() => (this.starting = undefined));
      this.env = await this.starting;
      this.profileIds = upsertDemoProfiles(this.connections, this.env.info);
      this.ctx.events.emit('demo:changed', this.status());
      this.ctx.events.emit('fleet:changed', {});
    }
    return this.status();
  }

  /** The running environment (for the command line and tests). */
  environment(): DemoEnvironment | undefined {
    return this.env;
  }

  /** Stops the simulators; the profiles stay (they point at closed ports until the next start). */
  async stop(): Promise<void> {
    const env = this.env;
    this.env = undefined;
    await env?.close();
    if (env) this.ctx.events.emit('demo:changed', this.status());
  }
}
