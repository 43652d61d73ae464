import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from 'node:crypto';
import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import { ContractError } from '../../contract';
import { writeJsonFileAtomic } from '../shared/json-file';
import type { SecretStore } from './secret-store';

const SCRYPT = { N: 1 << 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 } as const;

interface FileFormat {
  version: 1;
  kdf: { name: 'scrypt'; salt: string; N: number; r: number; p: number };
  iv: string;
  tag: string;
  data: string;
}

function isFileFormat(v: unknown): v is FileFormat {
  if (typeof v !== 'object' || v === null) return false;
  const f = v as Record<string, unknown>;
  const kdf = f.kdf as Record<string, unknown> | undefined;
  return (
    f.version === 1 &&
    typeof kdf === 'object' &&
    kdf !== null &&
    kdf.name === 'scrypt' &&
    typeof kdf.salt === 'string' &&
    typeof kdf.N === 'number' &&
    typeof kdf.r === 'number' &&
    typeof kdf.p === 'number' &&
    typeof f.iv === 'string' &&
    typeof f.tag === 'string' &&
    typeof f.data === 'string'
  );
}

/**
 * A passphrase-encrypted credential file for serve mode and the command line: scrypt derives
 * the key, AES-256-GCM encrypts and authenticates the whole map. A wrong passphrase refuses to
 * open (nothing is overwritten); a file that is not in this format is backed up and replaced.
 */
export class EncryptedFileSecretStore implements SecretStore {
  readonly backend = 'encrypted-file' as const;
  private values = new Map<string, string>();
  private key: Buffer;
  private salt: Buffer;

  /** Opens (or creates) the store. `onCorrupt` is told when a bad file was backed up. */
  constructor(
    private readonly file: string,
    passphrase: string,
    onCorrupt: (backup: string, reason: string) => void = () => {},
  ) {
    if (!passphrase) {
      throw new ContractError('STORE_LOCKED', 'A passphrase is needed to open the credential store (set ENGINE_CONSOLE_PASSPHRASE)', {
        details: { field: 'ENGINE_CONSOLE_PASSPHRASE' },
      });
    }
    let parsed: FileFormat | null = null;
    if (existsSync(file)) {
      const raw = readFileSync(file, 'utf8');
      let json: unknown;
      try {
        json = JSON.parse(raw);
      } catch {
        json = undefined;
      }
      if (isFileFormat(json)) parsed = json;
      else {
        const backup = `${file}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`;
        copyFileSync(file, backup);
        onCorrupt(backup, 'not an Engine Console credential file');
      }
    }
    if (parsed) {
      this.salt = Buffer.from(parsed.kdf.salt, 'base64');
      this.key = scryptSync(passphrase, this.salt, 32, { N: parsed.kdf.N, r: parsed.kdf.r, p: parsed.kdf.p, maxmem: SCRYPT.maxmem });
      try {
        const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(parsed.iv, 'base64'));
        decipher.setAuthTag(Buffer.from(parsed.tag, 'base64'));
        const plain = Buffer.concat([decipher.update(Buffer.from(parsed.data, 'base64')), decipher.final()]);
        this.values = new Map(Object.entries(JSON.parse(plain.toString('utf8')) as Record<string, string>));
      } catch {
        throw new ContractError('STORE_LOCKED', `Wrong passphrase for the credential store ${file}`, {
          details: { field: 'ENGINE_CONSOLE_PASSPHRASE', file },
        });
      }
    } else {
      this.salt = randomBytes(16);
      this.key = scryptSync(passphrase, this.salt, 32, SCRYPT);
    }
  }

  /** Reads one value. */
  get(key: string): string | undefined {
    return this.values.get(key);
  }
  /** Writes one value and persists. */
  set(key: string, value: string): void {
    this.values.set(key, value);
    this.persist();
  }
  /** Removes one value and persists. */
  delete(key: string): void {
    if (this.values.delete(key)) this.persist();
  }
  /** Lists keys (never values). */
  keys(): string[] {
    return [...this.values.keys()];
  }

  private persist(): void {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const data = Buffer.concat([cipher.update(JSON.stringify(Object.fromEntries(this.values)), 'utf8'), cipher.final()]);
    const out: FileFormat = {
      version: 1,
      kdf: { name: 'scrypt', salt: this.salt.toString('base64'), N: SCRYPT.N, r: SCRYPT.r, p: SCRYPT.p },
      iv: iv.toString('base64'),
      tag: cipher.getAuthTag().toString('base64'),
      data: data.toString('base64'),
    };
    writeJsonFileAtomic(this.file, out);
  }
}
