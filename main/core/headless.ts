import { join } from 'node:path';
import { ContractError } from '../../contract';
import { EventBus } from '../ipc/router';
import { EncryptedFileSecretStore } from '../secrets/encrypted-file';
import { MemorySecretStore, type SecretStore } from '../secrets/secret-store';
import { prepareDataDir, resolveDataDir } from '../settings/data-dir';
import { SettingsStore, jsonFileSettingsBackend } from '../settings/store';
import type { AppContext } from './app-context';
import { Notices, announcePreparedDataDir } from './notices';
import { APP_VERSION } from './version';

/** Options for a context without Electron (serve mode, command line, tests). */
export interface HeadlessOptions {
  readonly demo?: boolean;
  readonly env?: NodeJS.ProcessEnv;
  /** Asked when `ENGINE_CONSOLE_PASSPHRASE` is not set; may be absent (no terminal). */
  readonly promptPassphrase?: () => Promise<string>;
  /** Opens no credential store (commands that never read credentials, such as a log search). */
  readonly noCredentials?: boolean;
}

/**
 * Builds the app context for plain Node: settings in `<data>/settings.json`, credentials in the
 * passphrase-encrypted `<data>/credentials.enc.json`. The demo without a passphrase keeps
 * its throw-away credentials in memory.
 */
export async function createHeadlessContext(opts: HeadlessOptions = {}): Promise<AppContext> {
  const env = opts.env ?? process.env;
  const dataDir = resolveDataDir(env);
  const notices = new Notices();
  const events = new EventBus();
  notices.attach(events);
  announcePreparedDataDir(dataDir, prepareDataDir(dataDir), notices);
  const settings = new SettingsStore(
    jsonFileSettingsBackend(dataDir, (backup, reason) =>
      notices.add('warning', `Settings file was unreadable (${reason}); it was backed up to ${backup} and defaults are in use.`),
    ),
  );
  let passphrase = env.ENGINE_CONSOLE_PASSPHRASE ?? '';
  let secrets: SecretStore;
  if (!passphrase && opts.promptPassphrase && !opts.noCredentials) passphrase = await opts.promptPassphrase();
  if (opts.noCredentials) {
    secrets = new MemorySecretStore();
  } else if (!passphrase && opts.demo) {
    secrets = new MemorySecretStore();
    notices.add('info', 'Demo mode without ENGINE_CONSOLE_PASSPHRASE: credentials are kept in memory only.');
  } else if (!passphrase) {
    throw new ContractError(
      'STORE_LOCKED',
      'Set ENGINE_CONSOLE_PASSPHRASE (or run in a terminal to be asked) to open the credential store.',
      {
        details: { field: 'ENGINE_CONSOLE_PASSPHRASE' },
      },
    );
  } else {
    secrets = new EncryptedFileSecretStore(join(dataDir, 'credentials.enc.json'), passphrase, (backup, reason) =>
      notices.add('warning', `Credential store was unreadable (${reason}); it was backed up to ${backup} and started empty.`),
    );
  }
  return {
    mode: 'serve',
    dataDir,
    demo: Boolean(opts.demo),
    version: APP_VERSION,
    versions: { node: process.versions.node, v8: process.versions.v8 },
    settings,
    secrets,
    notices,
    events,
  };
}
