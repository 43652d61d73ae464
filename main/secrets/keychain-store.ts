import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import { ContractError } from '../../contract';
import { writeJsonFileAtomic } from '../shared/json-file';
import type { SecretStore } from './secret-store';

/**
 * The part of Electron's `safeStorage` the desktop store uses. Passed in (main/electron hands
 * over the real one) so the store and the choice of store run, and are tested, in plain Node.
 */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /**
   * Linux only: the secret service behind the key. `basic_text` means no keyring was found and
   * Chromium encrypts with a key hard-coded in its source, which protects nothing.
   */
  getSelectedStorageBackend?(): string;
}

/** Linux backends that do not keep the key in an OS keyring. */
const WEAK_BACKENDS = new Set(['basic_text']);

/** True when safeStorage would encrypt with a key anyone can read (Linux without a keyring). */
export function usesHardCodedKey(safeStorage: SafeStorageLike, platform: NodeJS.Platform = process.platform): boolean {
  if (platform !== 'linux' || !safeStorage.getSelectedStorageBackend) return false;
  return WEAK_BACKENDS.has(safeStorage.getSelectedStorageBackend());
}

/** Reads `credentials.safe.json` (base64 ciphertexts by key); a damaged file is backed up and reported. */
export function readKeychainFile(file: string, onCorrupt: (backup: string, reason: string) => void): Record<string, string> {
  if (!existsSync(file)) return {};
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not a JSON object');
    return parsed as Record<string, string>;
  } catch (err) {
    const backup = `${file}.corrupt-${Date.now()}`;
    copyFileSync(file, backup);
    onCorrupt(backup, err instanceof Error ? err.message : String(err));
    return {};
  }
}

/**
 * Credentials encrypted with the OS keychain through Electron safeStorage (DPAPI on Windows,
 * Keychain on macOS, libsecret or KWallet on Linux). One file of base64 ciphertexts per key.
 * Refuses to open when the key would not come from a keychain (see `usesHardCodedKey`).
 */
export class KeychainSecretStore implements SecretStore {
  readonly backend = 'safeStorage' as const;
  private values: Record<string, string>;

  constructor(
    private readonly file: string,
    private readonly safeStorage: SafeStorageLike,
    onCorrupt: (backup: string, reason: string) => void,
  ) {
    if (!safeStorage.isEncryptionAvailable()) {
      throw new ContractError('STORE_LOCKED', 'The operating system keychain is not available to encrypt credentials.');
    }
    if (usesHardCodedKey(safeStorage)) {
      throw new ContractError('STORE_LOCKED', 'No keyring (such as GNOME Keyring or KWallet) is available to encrypt credentials.');
    }
    this.values = readKeychainFile(file, onCorrupt);
  }

  /** Decrypts one value. */
  get(key: string): string | undefined {
    const v = this.values[key];
    return v === undefined ? undefined : this.safeStorage.decryptString(Buffer.from(v, 'base64'));
  }
  /** Encrypts and stores one value. */
  set(key: string, value: string): void {
    this.values[key] = this.safeStorage.encryptString(value).toString('base64');
    writeJsonFileAtomic(this.file, this.values);
  }
  /** Removes one value. */
  delete(key: string): void {
    delete this.values[key];
    writeJsonFileAtomic(this.file, this.values);
  }
  /** Lists keys. */
  keys(): string[] {
    return Object.keys(this.values);
  }
}
