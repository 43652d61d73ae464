import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createHeadlessContext } from '../../../main/app/headless';
import { HEADLESS_STORE_FILE, openHeadlessSecretStore, type PassphrasePrompt } from '../../../main/app/headless-store';
import { EncryptedFileSecretStore } from '../../../main/secrets/encrypted-file';
import { rejection } from '../../support/contract-error';

const tmp = () => mkdtempSync(join(tmpdir(), 'ec-hstore-'));

/** A terminal that answers from a script and records what it was told and asked. */
function terminal(answers: string[]) {
  const said: string[] = [];
  const asked: string[] = [];
  const prompt: PassphrasePrompt = {
    hidden: (q) => {
      asked.push(q);
      return Promise.resolve(answers.shift() ?? '');
    },
    say: (l) => said.push(l),
  };
  return { prompt, said, asked };
}

const base = (dataDir: string) => ({ dataDir, env: {}, memoryFallback: false, hasOwnProfiles: false, onCorrupt: () => undefined });

describe('opening the headless credential store', () => {
  it('a new store in a terminal says it is new and asks the passphrase twice', async () => {
    const dir = tmp();
    const t = terminal(['first-try', 'typo', 'chosen', 'chosen']);
    const { store, state } = await openHeadlessSecretStore({ ...base(dir), prompt: t.prompt });
    expect(state).toBe('file');
    expect(t.said[0]).toMatch(/No credential store yet in .*: a NEW one will be created/);
    expect(t.said[0]).toContain(dir);
    expect(t.asked).toEqual(['New passphrase: ', 'Repeat the new passphrase: ', 'New passphrase: ', 'Repeat the new passphrase: ']);
    expect(t.said).toContain('The two passphrases differ; try again.');
    store.set('k', 'v');
    expect(new EncryptedFileSecretStore(join(dir, HEADLESS_STORE_FILE), 'chosen').get('k')).toBe('v');
  });

  it('an existing store asks once, and again after a wrong passphrase', async () => {
    const dir = tmp();
    new EncryptedFileSecretStore(join(dir, HEADLESS_STORE_FILE), 'right').set('k', 'v');
    const once = terminal(['right']);
    expect((await openHeadlessSecretStore({ ...base(dir), prompt: once.prompt })).store.get('k')).toBe('v');
    expect(once.asked).toEqual(['Passphrase: ']);
    expect(once.said[0]).toContain(join(dir, HEADLESS_STORE_FILE));
    const twice = terminal(['wrong', 'right']);
    expect((await openHeadlessSecretStore({ ...base(dir), prompt: twice.prompt })).store.get('k')).toBe('v');
    expect(twice.said).toContain('That passphrase does not open the store.');
  });

  it('without a terminal or passphrase, says how to unlock or create the store, naming the variable and the data folder', async () => {
    const fresh = tmp();
    const none = await rejection(openHeadlessSecretStore(base(fresh)));
    expect(none.code).toBe('STORE_LOCKED');
    expect(none.message).toContain(`No credential store exists yet in ${fresh}`);
    expect(none.message).toContain('ENGINE_CONSOLE_PASSPHRASE');
    const existing = tmp();
    new EncryptedFileSecretStore(join(existing, HEADLESS_STORE_FILE), 'p').set('k', 'v');
    const locked = await rejection(openHeadlessSecretStore(base(existing)));
    expect(locked.message).toContain(`The credential store ${join(existing, HEADLESS_STORE_FILE)} is locked`);
    expect(locked.message).toContain('ENGINE_CONSOLE_PASSPHRASE');
  });

  it('--demo-if-empty without a passphrase or terminal keeps real profiles and the store file untouched and raises a banner', async () => {
    const dir = tmp();
    const file = join(dir, HEADLESS_STORE_FILE);
    new EncryptedFileSecretStore(file, 'p').set('connections/x/password', 'real');
    writeFileSync(join(dir, 'profiles.json'), JSON.stringify({ version: 1, profiles: [] }));
    const before = readFileSync(file, 'utf8');
    const ctx = await createHeadlessContext({ demoIfEmpty: true, env: { ENGINE_CONSOLE_DATA_DIR: dir } });
    expect(ctx.secrets.backend).toBe('memory');
    expect(ctx.demo).toBe(true);
    ctx.secrets.set('connections/demo/password', 'throw-away');
    expect(readFileSync(file, 'utf8')).toBe(before);
    const banner = ctx.notices.all().find((n) => n.severity === 'warning');
    expect(banner?.message).toContain(`The credential store in ${dir} is locked`);
    expect(banner?.message).toContain('ENGINE_CONSOLE_PASSPHRASE');
  });

  it('--demo-if-empty with the passphrase and profiles of the user opens the store and leaves the demo off', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'profiles.json'), JSON.stringify({ version: 1, profiles: [{ id: 'mine' }] }));
    const ctx = await createHeadlessContext({ demoIfEmpty: true, env: { ENGINE_CONSOLE_DATA_DIR: dir, ENGINE_CONSOLE_PASSPHRASE: 'p' } });
    expect(ctx.secrets.backend).toBe('encrypted-file');
    expect(ctx.demo).toBe(false);
  });
});
