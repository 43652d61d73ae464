import type { SettingsBackend } from '../settings/store';
import { SettingsStore } from '../settings/store';
import type { SecretStore } from '../secrets/secret-store';
import { EventBus } from '../ipc/router';
import { prepareDataDir } from '../settings/data-dir';
import { Notices, announcePreparedDataDir } from './notices';
import { APP_VERSION } from './version';

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

/** Told when a store file was unreadable and was backed up (`backup` is the copy's path). */
export type OnCorrupt = (backup: string, reason: string) => void;

/** What differs between the desktop and the headless context: the mode and the two store backends. */
export interface ContextOptions {
  readonly mode: AppContext['mode'];
  readonly dataDir: string;
  readonly demo?: boolean;
  readonly versions: Readonly<Record<string, string>>;
  /** Opens the settings backend (electron-store on the desktop, a JSON file headless). */
  readonly openSettings: (dataDir: string, onCorrupt: OnCorrupt) => SettingsBackend;
  /** Opens the credential store; may raise notices (e.g. "kept in memory only") or ask for a passphrase. */
  readonly openSecrets: (dataDir: string, notices: Notices, onCorrupt: OnCorrupt) => SecretStore | Promise<SecretStore>;
}

/**
 * The one context builder of every entry point: notices wired to the event bus, settings and
 * credentials opened through the given backends, a corrupt store file reported as a notice.
 */
export async function createContext(opts: ContextOptions): Promise<AppContext> {
  const notices = new Notices();
  const events = new EventBus();
  notices.attach(events);
  // 0700, and leftovers of writes cut off by an earlier crash removed, before anything is read.
  announcePreparedDataDir(opts.dataDir, prepareDataDir(opts.dataDir), notices);
  const settings = new SettingsStore(
    opts.openSettings(opts.dataDir, (backup, reason) =>
      notices.add('warning', `Settings file was unreadable (${reason}); it was backed up to ${backup} and defaults are in use.`),
    ),
  );
  const secrets = await opts.openSecrets(opts.dataDir, notices, (backup, reason) =>
    notices.add('warning', `Credential store was unreadable (${reason}); it was backed up to ${backup} and started empty.`),
  );
  return {
    mode: opts.mode,
    dataDir: opts.dataDir,
    demo: Boolean(opts.demo),
    version: APP_VERSION,
    versions: opts.versions,
    settings,
    secrets,
    notices,
    events,
  };
}
