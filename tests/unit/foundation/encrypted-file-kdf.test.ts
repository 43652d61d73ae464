import { createCipheriv, randomBytes, scryptSync } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ContractError } from '../../../contract';
import { EncryptedFileSecretStore } from '../../../main/secrets/encrypted-file';

const file = () => join(mkdtempSync(join(tmpdir(), 'ec-kdf-')), 'credentials.enc.json');

/** Writes a store file the way another version (or tool) would, with its own scrypt parameters. */
function writeStore(path: string, passphrase: string, values: Record<string, string>, kdf: { N: number; r: number; p: number }) {
  const salt = randomBytes(16);
  const key = scryptSync(passphrase, salt, 32, { ...kdf, maxmem: 256 * 1024 * 1024 });
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const data = Buffer.concat([cipher.update(JSON.stringify(values), 'utf8'), cipher.final()]);
  writeFileSync(
    path,
    JSON.stringify({
      version: 1,
      kdf: { name: 'scrypt', salt: salt.toString('base64'), ...kdf },
      iv: iv.toString('base64'),
      tag: cipher.getAuthTag().toString('base64'),
      data: data.toString('base64'),
    }),
  );
}

function refusal(fn: () => unknown): ContractError {
  try {
    fn();
  } catch (err) {
    if (err instanceof ContractError) return err;
    throw new Error(`expected a ContractError, got ${String(err)}`, { cause: err });
  }
  throw new Error('expected a refusal');
}

describe('encrypted store with other scrypt parameters (issue 8 item 14)', () => {
  it.each([
    { N: 1 << 14, r: 8, p: 1 },
    { N: 1 << 16, r: 4, p: 2 },
  ])('keeps the file’s parameters with its key, so it still opens after a write (%o)', (kdf) => {
    const path = file();
    writeStore(path, 'pass-A', { old: 'value-1' }, kdf);
    const store = new EncryptedFileSecretStore(path, 'pass-A');
    expect(store.get('old')).toBe('value-1');
    store.set('new', 'value-2');
    expect(JSON.parse(readFileSync(path, 'utf8')).kdf).toMatchObject(kdf);
    const again = new EncryptedFileSecretStore(path, 'pass-A');
    expect(again.get('old')).toBe('value-1');
    expect(again.get('new')).toBe('value-2');
  });

  it.each([
    ['N not a power of two', { N: 1000 }, /N=1000 must be a power of two/],
    ['N large enough to exhaust memory', { N: 2 ** 30 }, /N=1073741824/],
    ['N·r needing gigabytes', { N: 1 << 20, r: 16 }, /MB of memory/],
    ['r of zero', { r: 0 }, /r=0/],
    ['p absurdly large', { p: 1_000_000 }, /p=1000000/],
    ['N not a number', { N: 'many' }, /N=many/],
    ['a fractional r', { r: 2.5 }, /r=2.5/],
  ])('refuses %s with a message naming the file, and leaves the file alone', (_what, over, message) => {
    const path = file();
    writeStore(path, 'pass-B', { k: 'v' }, { N: 1 << 14, r: 8, p: 1 });
    const json = JSON.parse(readFileSync(path, 'utf8'));
    json.kdf = { ...json.kdf, ...over };
    writeFileSync(path, JSON.stringify(json));
    const before = readFileSync(path, 'utf8');
    const err = refusal(() => new EncryptedFileSecretStore(path, 'pass-B'));
    expect(err.code).toBe('STORE_CORRUPT');
    expect(err.message).toContain(path);
    expect(err.message).toMatch(message);
    expect(err.details).toMatchObject({ file: path });
    expect(readFileSync(path, 'utf8')).toBe(before);
  });

  it('refuses a nonce or tag of the wrong length as a damaged file, not as a wrong passphrase', () => {
    const path = file();
    writeStore(path, 'pass-C', { k: 'v' }, { N: 1 << 14, r: 8, p: 1 });
    const json = JSON.parse(readFileSync(path, 'utf8'));
    writeFileSync(path, JSON.stringify({ ...json, iv: 'AAAA' }));
    expect(refusal(() => new EncryptedFileSecretStore(path, 'pass-C')).message).toMatch(/nonce is not 12 bytes/);
  });
});
