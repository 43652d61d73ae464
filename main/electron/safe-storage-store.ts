import { safeStorage } from 'electron';
import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import { ContractError } from '../../contract';
import { writeJsonFileAtomic } from '../shared/json-file';
import type { SecretStore } from '../secrets/secret-store';
import { errorMessage } from '../shared/errors';

/**
 * Credentials encrypted with the OS keychain through Electron safeStorage (DPAPI on Windows,
 * Keychain on macOS, libsecret on Linux). One file of base64 ciphertexts per key.
 */
export class SafeStorageSecretStore implements SecretStore {
  readonly backend = 'safeStorage' as const;
  private values: Record<string, string> = {};

  constructor(
    private readonly file: string,
    onCorrupt: (backup: string, reason: string) => void,
  ) {
    if (!safeStorage.isEncryptionAvailable()) {
      throw new ContractError('STORE_LOCKED', 'The operating system keychain is not available to encrypt credentials.');
    }
    if (existsSync(file)) {
      try {
        const parsed = JSON.parse(readFileSync(file, 'utf8')) as unknown;
        if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not a JSON object');
        this.values = parsed as Record<string, string>;
      } catch (err) {
        const backup = `${file}.corrupt-${Date.now()}`;
        copyFileSync(file, backup);
        onCorrupt(backup, errorMessage(err));
      }
    }
  }

  /** Decrypts one value. */
  get(key: string): string | undefined {
    const v = this.values[key];
    return v === undefined ? undefined : safeStorage.decryptString(Buffer.from(v, 'base64'));
  }
  /** Encrypts and stores one value. */
  set(key: string, value: string): void {
    this.values[key] = safeStorage.encryptString(value).toString('base64');
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
