import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EncryptedFileSecretStore } from '../../../main/secrets/encrypted-file';
import { openDesktopSecretStore } from '../../../main/secrets/desktop-store';
import type { SafeStorageLike } from '../../../main/secrets/keychain-store';

// Issue 8 item 15: a fake safeStorage stands in for Electron's (there is no Electron binary here).
function fakeSafeStorage(backend: string, available = true): SafeStorageLike & { encrypted: number } {
  const fake = {
    encrypted: 0,
    isEncryptionAvailable: () => available,
    // Reversible but not readable as text, like the real ciphertext.
    encryptString: (plain: string) => (fake.encrypted++, Buffer.from(`v10${Buffer.from(plain).toString('hex')}`)),
    decryptString: (b: Buffer) => Buffer.from(b.toString().slice(3), 'hex').toString(),
    getSelectedStorageBackend: () => backend,
  };
  return fake;
}

function open(
  safeStorage: SafeStorageLike,
  env: NodeJS.ProcessEnv = {},
  dataDir = mkdtempSync(join(tmpdir(), 'ec-desk-')),
  platform: NodeJS.Platform = 'linux',
) {
  const notices: string[] = [];
  const store = openDesktopSecretStore({
    dataDir,
    safeStorage,
    env,
    platform,
    notify: (_s, m) => notices.push(m),
    onCorrupt: (b) => notices.push(`corrupt ${b}`),
  });
  return { store, notices, dataDir };
}

describe('desktop credential store choice', () => {
  it('uses the OS keyring when Linux has one, and writes only ciphertext', () => {
    const ss = fakeSafeStorage('gnome_libsecret');
    const { store, notices, dataDir } = open(ss);
    expect(store.backend).toBe('safeStorage');
    store.set('connections/a/password', 'Keyring-Pw-1');
    expect(ss.encrypted).toBe(1);
    expect(readFileSync(join(dataDir, 'credentials.safe.json'), 'utf8')).not.toContain('Keyring-Pw-1');
    expect(open(ss, {}, dataDir).store.get('connections/a/password')).toBe('Keyring-Pw-1');
    expect(notices).toEqual([]);
  });

  it('on basic_text (no keyring) never encrypts with the hard-coded key: session-only store, and says so', () => {
    const ss = fakeSafeStorage('basic_text');
    const { store, notices, dataDir } = open(ss);
    expect(store.backend).toBe('memory');
    store.set('k', 'Session-Only-1');
    expect(ss.encrypted).toBe(0);
    expect(existsSync(join(dataDir, 'credentials.safe.json'))).toBe(false);
    expect(notices.join('\n')).toMatch(/No keyring.*same on every computer.*until the app closes.*ENGINE_CONSOLE_PASSPHRASE/s);
  });

  it('on basic_text with ENGINE_CONSOLE_PASSPHRASE uses the passphrase-encrypted file', () => {
    const ss = fakeSafeStorage('basic_text');
    const { store, notices, dataDir } = open(ss, { ENGINE_CONSOLE_PASSPHRASE: 'desk-pass' });
    expect(store.backend).toBe('encrypted-file');
    store.set('k', 'Persisted-1');
    expect(ss.encrypted).toBe(0);
    expect(new EncryptedFileSecretStore(join(dataDir, 'credentials.enc.json'), 'desk-pass').get('k')).toBe('Persisted-1');
    expect(notices.join('\n')).toMatch(/credentials\.enc\.json, encrypted with ENGINE_CONSOLE_PASSPHRASE/);
  });

  it('carries credentials an older version wrote under the hard-coded key over, removing the file once they are safe', () => {
    const ss = fakeSafeStorage('basic_text');
    const dataDir = mkdtempSync(join(tmpdir(), 'ec-desk-'));
    const old = join(dataDir, 'credentials.safe.json');
    writeFileSync(old, JSON.stringify({ 'connections/a/password': ss.encryptString('Old-Pw-9').toString('base64') }));

    const session = open(ss, {}, dataDir);
    expect(session.store.get('connections/a/password')).toBe('Old-Pw-9');
    expect(existsSync(old)).toBe(true);
    expect(session.notices.join('\n')).toMatch(/credentials\.safe\.json was written with that shared key/);

    const kept = open(ss, { ENGINE_CONSOLE_PASSPHRASE: 'p' }, dataDir);
    expect(kept.store.get('connections/a/password')).toBe('Old-Pw-9');
    expect(existsSync(old)).toBe(false);
    expect(new EncryptedFileSecretStore(join(dataDir, 'credentials.enc.json'), 'p').get('connections/a/password')).toBe('Old-Pw-9');
  });

  it('without any encryption, or with a wrong passphrase, falls back to memory and tells why', () => {
    expect(open(fakeSafeStorage('gnome_libsecret', false)).store.backend).toBe('memory');
    const dataDir = mkdtempSync(join(tmpdir(), 'ec-desk-'));
    new EncryptedFileSecretStore(join(dataDir, 'credentials.enc.json'), 'right').set('k', 'v');
    const wrong = open(fakeSafeStorage('basic_text'), { ENGINE_CONSOLE_PASSPHRASE: 'wrong' }, dataDir);
    expect(wrong.store.backend).toBe('memory');
    expect(wrong.notices.join('\n')).toMatch(/Wrong passphrase/);
  });

  it('keeps using the keychain on macOS and Windows, where no backend is reported', () => {
    const { getSelectedStorageBackend: _linuxOnly, ...ss } = fakeSafeStorage('basic_text');
    expect(open(ss, {}, undefined, 'darwin').store.backend).toBe('safeStorage');
    expect(open(ss, {}, undefined, 'win32').store.backend).toBe('safeStorage');
  });
});
