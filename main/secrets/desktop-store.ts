import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { EncryptedFileSecretStore } from './encrypted-file';
import { KeychainSecretStore, readKeychainFile, usesHardCodedKey, type SafeStorageLike } from './keychain-store';
import { MemorySecretStore, type SecretStore } from './secret-store';

/** What the desktop needs to choose its credential store. */
export interface DesktopStoreOptions {
  readonly dataDir: string;
  readonly safeStorage: SafeStorageLike;
  readonly env?: NodeJS.ProcessEnv;
  readonly platform?: NodeJS.Platform;
  /** Tells the user which store is in use when it is not the OS keychain (a notice). */
  readonly notify: (severity: 'info' | 'warning', message: string) => void;
  readonly onCorrupt: (backup: string, reason: string) => void;
}

/** File names of the two persistent stores in the data folder. */
export const KEYCHAIN_FILE = 'credentials.safe.json';
export const PASSPHRASE_FILE = 'credentials.enc.json';

/**
 * The desktop's credential store: the OS keychain through safeStorage where there is one. On
 * Linux without a keyring Electron would fall back to a key hard-coded in Chromium
 * (`basic_text`), so instead: the passphrase-encrypted file when ENGINE_CONSOLE_PASSPHRASE is
 * set, else memory for this session only, and the user is told which. Credentials an older
 * version wrote under the hard-coded key are read once and carried over.
 */
export function openDesktopSecretStore(opts: DesktopStoreOptions): SecretStore {
  const { safeStorage, dataDir } = opts;
  const platform = opts.platform ?? process.platform;
  const keychainFile = join(dataDir, KEYCHAIN_FILE);
  const available = safeStorage.isEncryptionAvailable();
  const weak = available && usesHardCodedKey(safeStorage, platform);
  if (available && !weak) return new KeychainSecretStore(keychainFile, safeStorage, opts.onCorrupt);

  const why = weak
    ? 'No keyring (GNOME Keyring, KWallet) was found, and without one Electron encrypts with a key that is the same on every computer.'
    : 'The operating system keychain is not available to encrypt credentials.';
  const passphrase = opts.env?.ENGINE_CONSOLE_PASSPHRASE ?? '';
  let store: SecretStore | undefined;
  if (passphrase) {
    try {
      store = new EncryptedFileSecretStore(join(dataDir, PASSPHRASE_FILE), passphrase, opts.onCorrupt);
      opts.notify('info', `${why} Credentials are kept in ${PASSPHRASE_FILE}, encrypted with ENGINE_CONSOLE_PASSPHRASE.`);
    } catch (err) {
      opts.notify('warning', `${why} ${err instanceof Error ? err.message : String(err)}.`);
    }
  }
  if (!store) {
    store = new MemorySecretStore();
    opts.notify(
      'warning',
      `${why} Credentials entered now are kept until the app closes; unlock a keyring or set ENGINE_CONSOLE_PASSPHRASE to keep them.`,
    );
  }
  if (weak && existsSync(keychainFile)) carryOver(keychainFile, safeStorage, store, opts);
  return store;
}

// The old file's key is public, so its values are moved into the store in use; the file is
// removed once they sit in a persistent store, and kept (with a warning) when only memory is.
function carryOver(file: string, safeStorage: SafeStorageLike, store: SecretStore, opts: DesktopStoreOptions): void {
  const old = readKeychainFile(file, opts.onCorrupt);
  let moved = 0;
  for (const [key, cipher] of Object.entries(old)) {
    try {
      if (store.get(key) === undefined) store.set(key, safeStorage.decryptString(Buffer.from(cipher, 'base64')));
      moved++;
    } catch {
      // A value that no longer decrypts is left in the old file.
    }
  }
  if (store.backend === 'memory') {
    opts.notify(
      'warning',
      `${KEYCHAIN_FILE} was written with that shared key, so it protects its ${moved} credential(s) no better than plain text; they are in use for this session. Set ENGINE_CONSOLE_PASSPHRASE to move them into an encrypted file, or delete it.`,
    );
  } else if (moved === Object.keys(old).length) {
    rmSync(file, { force: true });
    opts.notify(
      'info',
      `${moved} credential(s) from ${KEYCHAIN_FILE} (shared key) were moved to ${PASSPHRASE_FILE} and the old file removed.`,
    );
  }
}
