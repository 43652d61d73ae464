import type { SettingsStore } from '../settings/store';
import type { SecretStore } from '../secrets/secret-store';
import type { Notices } from './notices';
import type { EventBus } from '../ipc/router';

/** Everything a handler may depend on; built once per process by the desktop or serve entry. */
export interface AppContext {
  readonly mode: 'desktop' | 'serve';
  readonly dataDir: string;
  readonly demo: boolean;
  readonly version: string;
  readonly versions: Readonly<Record<string, string>>;
  readonly settings: SettingsStore;
  readonly secrets: SecretStore;
  readonly notices: Notices;
  readonly events: EventBus;
}
