import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createHeadlessContext } from '../../../main/app/headless';
import { EncryptedFileSecretStore } from '../../../main/secrets/encrypted-file';
import { resolveDataDir } from '../../../main/settings/data-dir';

const tmp = () => mkdtempSync(join(tmpdir(), 'ec-store-'));

describe('encrypted credential file', () => {
  it('round-trips values and never writes them in clear', () => {
    const dir = tmp();
    const file = join(dir, 'c.json');
    const a = new EncryptedFileSecretStore(file, 'pass-1');
    a.set('ss/admin', 'S3cr3t-Value!');
    a.set('aws/key', 'wJalrXUtnFEMI');
    expect(readFileSync(file, 'utf8')).not.toContain('S3cr3t-Value!');
    const b = new EncryptedFileSecretStore(file, 'pass-1');
    expect(b.get('ss/admin')).toBe('S3cr3t-Value!');
    expect(b.keys().sort()).toEqual(['aws/key', 'ss/admin']);
    b.delete('aws/key');
    expect(new EncryptedFileSecretStore(file, 'pass-1').keys()).toEqual(['ss/admin']);
  });

  it('a wrong passphrase refuses to open and leaves the file as it was', () => {
    const file = join(tmp(), 'c.json');
    new EncryptedFileSecretStore(file, 'right').set('k', 'v');
    const before = readFileSync(file, 'utf8');
    expect(() => new EncryptedFileSecretStore(file, 'wrong')).toThrow(/Wrong passphrase/);
    expect(readFileSync(file, 'utf8')).toBe(before);
  });

  it('a corrupt file is backed up, the store starts empty and the caller is told', () => {
    const dir = tmp();
    const file = join(dir, 'c.json');
    writeFileSync(file, '{"version": 1, "kdf": tru');
    const told: string[] = [];
    const store = new EncryptedFileSecretStore(file, 'p', (backup) => told.push(backup));
    expect(store.keys()).toEqual([]);
    expect(told).toHaveLength(1);
    expect(readFileSync(told[0]!, 'utf8')).toContain('"kdf": tru');
    store.set('k', 'v');
    expect(new EncryptedFileSecretStore(file, 'p').get('k')).toBe('v');
  });

  it('needs a passphrase', () => {
    expect(() => new EncryptedFileSecretStore(join(tmp(), 'c.json'), '')).toThrow(/ENGINE_CONSOLE_PASSPHRASE/);
  });
});

describe('headless context', () => {
  it('uses ENGINE_CONSOLE_DATA_DIR, backs up a corrupt settings file and raises a notice', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'settings.json'), 'not json at all');
    const ctx = await createHeadlessContext({ env: { ENGINE_CONSOLE_DATA_DIR: dir, ENGINE_CONSOLE_PASSPHRASE: 'p' } });
    expect(ctx.dataDir).toBe(dir);
    expect(ctx.settings.get().theme).toBe('system');
    expect(
      ctx.notices
        .all()
        .map((n) => n.message)
        .join(),
    ).toMatch(/Settings file was unreadable.*backed up/);
    expect(readdirSync(dir).some((f) => f.startsWith('settings.json.corrupt-'))).toBe(true);
    ctx.settings.update({ theme: 'dark' });
    expect(JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8'))).toMatchObject({ theme: 'dark' });
  });

  it('refuses to start without a passphrase outside the demo, and keeps demo credentials in memory', async () => {
    const dir = tmp();
    await expect(createHeadlessContext({ env: { ENGINE_CONSOLE_DATA_DIR: dir } })).rejects.toThrow(/ENGINE_CONSOLE_PASSPHRASE/);
    const demo = await createHeadlessContext({ demo: true, env: { ENGINE_CONSOLE_DATA_DIR: dir } });
    expect(demo.secrets.backend).toBe('memory');
    demo.secrets.set('k', 'v');
    expect(existsSync(join(dir, 'credentials.enc.json'))).toBe(false);
  });

  it('picks a per-user data folder per platform', () => {
    expect(resolveDataDir({ APPDATA: 'C:\\Users\\a\\AppData\\Roaming' }, 'win32')).toContain('Engine Console');
    expect(resolveDataDir({ XDG_CONFIG_HOME: '/x' }, 'linux')).toBe(join('/x', 'engine-console'));
  });
});
