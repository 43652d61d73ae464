import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from 'node:crypto';
import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import { ContractError } from '../../contract';
import { writeJsonFileAtomic } from '../shared/json-file';
import type { SecretStore } from './secret-store';

/** scrypt cost parameters; they are written next to the salt and always used with the key they derived. */
interface KdfParams {
  readonly N: number;
  readonly r: number;
  readonly p: number;
}

/** The parameters of a new store (32 MB of memory, well under a second). */
const NEW_STORE_KDF: KdfParams = { N: 1 << 15, r: 8, p: 1 };
/** scrypt needs about 128·N·r bytes: a file may ask for at most this much. */
const MAX_KDF_MEMORY = 256 * 1024 * 1024;
/** N·r·p bounds the time a derivation takes (16× the default: a few seconds at most). */
const MAX_KDF_WORK = 16 * NEW_STORE_KDF.N * NEW_STORE_KDF.r * NEW_STORE_KDF.p;

interface FileFormat {
  version: 1;
  kdf: { name: 'scrypt'; salt: string } & KdfParams;
  iv: string;
  tag: string;
  data: string;
}

// N, r and p are checked by checkFileFormat: a file of ours with odd values is refused, not replaced.
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
  private kdf: KdfParams;

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
      checkFileFormat(parsed, file);
      this.salt = Buffer.from(parsed.kdf.salt, 'base64');
      this.kdf = { N: parsed.kdf.N, r: parsed.kdf.r, p: parsed.kdf.p };
      this.key = derive(passphrase, this.salt, this.kdf);
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
      this.kdf = NEW_STORE_KDF;
      this.key = derive(passphrase, this.salt, this.kdf);
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
      // The parameters that derived this.key, never the code's current defaults: writing other
      // parameters beside the old key would lock the user out at the next start.
      kdf: { name: 'scrypt', salt: this.salt.toString('base64'), N: this.kdf.N, r: this.kdf.r, p: this.kdf.p },
      iv: iv.toString('base64'),
      tag: cipher.getAuthTag().toString('base64'),
      data: data.toString('base64'),
    };
    writeJsonFileAtomic(this.file, out);
  }
}

function derive(passphrase: string, salt: Buffer, kdf: KdfParams): Buffer {
  return scryptSync(passphrase, salt, 32, { ...kdf, maxmem: MAX_KDF_MEMORY + 16 * 1024 * 1024 });
}

/**
 * Refuses parameters scrypt cannot use or that would exhaust memory or time (a file edited by
 * hand or by another tool), with a message naming the file and the value, before any derivation.
 */
function checkFileFormat(f: FileFormat, file: string): void {
  const { N, r, p } = f.kdf;
  const bad = (what: string) =>
    new ContractError('STORE_CORRUPT', `The credential store ${file} has unusable encryption settings: ${what}. It was left as it is.`, {
      details: { file, field: 'kdf' },
    });
  const whole = (v: number) => Number.isSafeInteger(v) && v > 0;
  if (!whole(N) || (N & (N - 1)) !== 0 || N < 1 << 10 || N > 1 << 20)
    throw bad(`scrypt N=${String(N)} must be a power of two from 1024 to 1048576`);
  if (!whole(r) || r > 32) throw bad(`scrypt r=${String(r)} must be a whole number from 1 to 32`);
  if (!whole(p) || p > 16) throw bad(`scrypt p=${String(p)} must be a whole number from 1 to 16`);
  if (128 * N * r > MAX_KDF_MEMORY) throw bad(`scrypt N=${N}, r=${r} would need ${Math.round((128 * N * r) / 2 ** 20)} MB of memory`);
  if (N * r * p > MAX_KDF_WORK) throw bad(`scrypt N=${N}, r=${r}, p=${p} would take too long to derive the key`);
  if (Buffer.from(f.kdf.salt, 'base64').length < 16) throw bad('the salt is shorter than 16 bytes');
  if (Buffer.from(f.iv, 'base64').length !== 12) throw bad('the AES-GCM nonce is not 12 bytes');
  if (Buffer.from(f.tag, 'base64').length !== 16) throw bad('the AES-GCM tag is not 16 bytes');
}
