import { join } from 'node:path';
import { ContractError } from '../../contract';
import { EncryptedFileSecretStore } from '../secrets/encrypted-file';
import { MemorySecretStore } from '../secrets/secret-store';
import { resolveDataDir } from '../settings/data-dir';
import { jsonFileSettingsBackend } from '../settings/store';
import { createContext, type AppContext } from './context';

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
 * The app context for plain Node: settings in `<data>/settings.json`, credentials in the
 * passphrase-encrypted `<data>/credentials.enc.json`. The demo without a passphrase keeps
 * its throw-away credentials in memory.
 */
export function createHeadlessContext(opts: HeadlessOptions = {}): Promise<AppContext> {
  const env = opts.env ?? process.env;
  return createContext({
    mode: 'serve',
    dataDir: resolveDataDir(env),
    demo: Boolean(opts.demo),
    versions: { node: process.versions.node, v8: process.versions.v8 },
    openSettings: jsonFileSettingsBackend,
    openSecrets: async (dataDir, notices, onCorrupt) => {
      if (opts.noCredentials) return new MemorySecretStore();
      let passphrase = env.ENGINE_CONSOLE_PASSPHRASE ?? '';
      if (!passphrase && opts.promptPassphrase) passphrase = await opts.promptPassphrase();
      if (passphrase) return new EncryptedFileSecretStore(join(dataDir, 'credentials.enc.json'), passphrase, onCorrupt);
      if (opts.demo) {
        notices.add('info', 'Demo mode without ENGINE_CONSOLE_PASSPHRASE: credentials are kept in memory only.');
        return new MemorySecretStore();
      }
      throw new ContractError(
        'STORE_LOCKED',
        'Set ENGINE_CONSOLE_PASSPHRASE (or run in a terminal to be asked) to open the credential store.',
        {
          details: { field: 'ENGINE_CONSOLE_PASSPHRASE' },
        },
      );
    },
  });
}
