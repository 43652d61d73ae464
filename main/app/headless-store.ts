import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ContractError } from '../../contract';
import { EncryptedFileSecretStore } from '../secrets/encrypted-file';
import { MemorySecretStore, type SecretStore } from '../secrets/secret-store';

/** How the headless store was opened, which decides what the user is told. */
export type HeadlessStoreState =
  /** The passphrase-encrypted file, existing or created now. */
  | 'file'
  /** In memory; nothing was saved before (first start with the demo). */
  | 'memory-demo'
  /** In memory because the existing encrypted file could not be unlocked (no passphrase). */
  | 'memory-locked'
  /** In memory; profiles exist but no encrypted file was ever created. */
  | 'memory-no-store';

/** A terminal to ask the passphrase on (absent without one). */
export interface PassphrasePrompt {
  /** Asks without echoing. */
  hidden(question: string): Promise<string>;
  /** Tells the user something before or between questions. */
  say(line: string): void;
}

/** What `openHeadlessSecretStore` needs. */
export interface HeadlessStoreOptions {
  readonly dataDir: string;
  readonly env: NodeJS.ProcessEnv;
  readonly prompt?: PassphrasePrompt;
  /** The demo may run: without a passphrase, fall back to a store in memory instead of failing. */
  readonly memoryFallback: boolean;
  /** Profiles other than the demo's exist in the data folder. */
  readonly hasOwnProfiles: boolean;
  readonly onCorrupt: (backup: string, reason: string) => void;
}

/** The credential store file of serve mode and the command line. */
export const HEADLESS_STORE_FILE = 'credentials.enc.json';
const ATTEMPTS = 3;

/**
 * Opens the credential store of serve mode and the command line: with ENGINE_CONSOLE_PASSPHRASE,
 * or asked on the terminal (a new store asks twice and says it is new; an existing one asks once,
 * again after a wrong answer), or — without either, when the demo may run — in memory, leaving
 * any existing encrypted file untouched. Otherwise STORE_LOCKED says what to set, naming the
 * data folder.
 */
export async function openHeadlessSecretStore(opts: HeadlessStoreOptions): Promise<{ store: SecretStore; state: HeadlessStoreState }> {
  const file = join(opts.dataDir, HEADLESS_STORE_FILE);
  const exists = existsSync(file);
  const fromEnv = opts.env.ENGINE_CONSOLE_PASSPHRASE ?? '';
  const open = (passphrase: string) => new EncryptedFileSecretStore(file, passphrase, opts.onCorrupt);
  if (fromEnv) return { store: open(fromEnv), state: 'file' };

  const memory = (): { store: SecretStore; state: HeadlessStoreState } => ({
    store: new MemorySecretStore(),
    state: exists ? 'memory-locked' : opts.hasOwnProfiles ? 'memory-no-store' : 'memory-demo',
  });
  const skip = opts.memoryFallback ? ' (or press Enter to skip: the demo then runs with credentials in memory only)' : '';
  const { prompt } = opts;
  if (prompt && exists) {
    prompt.say(`The credential store ${file} is encrypted with a passphrase${skip}.`);
    for (let i = 0; i < ATTEMPTS; i++) {
      const answer = await prompt.hidden('Passphrase: ');
      if (!answer && opts.memoryFallback) return memory();
      if (!answer) continue;
      try {
        return { store: open(answer), state: 'file' };
      } catch (err) {
        if (!(err instanceof ContractError && err.code === 'STORE_LOCKED')) throw err;
        prompt.say('That passphrase does not open the store.');
      }
    }
    throw lockedError(opts.dataDir, file, true);
  }
  if (prompt) {
    prompt.say(`No credential store yet in ${opts.dataDir}: a NEW one will be created, encrypted with a passphrase you choose${skip}.`);
    for (let i = 0; i < ATTEMPTS; i++) {
      const first = await prompt.hidden('New passphrase: ');
      if (!first && opts.memoryFallback) return memory();
      if (!first) continue;
      const second = await prompt.hidden('Repeat the new passphrase: ');
      if (first === second) return { store: open(first), state: 'file' };
      prompt.say('The two passphrases differ; try again.');
    }
    throw lockedError(opts.dataDir, file, false);
  }
  if (opts.memoryFallback) return memory();
  throw lockedError(opts.dataDir, file, exists);
}

function lockedError(dataDir: string, file: string, exists: boolean): ContractError {
  const message = exists
    ? `The credential store ${file} is locked. Set ENGINE_CONSOLE_PASSPHRASE to its passphrase, or start from a terminal to type it.`
    : `No credential store exists yet in ${dataDir}. Set ENGINE_CONSOLE_PASSPHRASE to the passphrase to create it with, or start ` +
      'from a terminal to choose one (--demo runs the demo with credentials in memory only).';
  return new ContractError('STORE_LOCKED', message, { details: { field: 'ENGINE_CONSOLE_PASSPHRASE', file } });
}

/** The notice shown for a store in memory, or none for the encrypted file. */
export function storeNotice(state: HeadlessStoreState, dataDir: string): { severity: 'info' | 'warning'; message: string } | null {
  switch (state) {
    case 'file':
      return null;
    case 'memory-demo':
      return { severity: 'info', message: 'Demo mode without ENGINE_CONSOLE_PASSPHRASE: credentials are kept in memory only.' };
    case 'memory-locked':
      return {
        severity: 'warning',
        message:
          `The credential store in ${dataDir} is locked, so saved profiles cannot sign in and credentials entered now are kept in memory ` +
          'only; the demo runs meanwhile. Nothing in the store is changed. To unlock it, restart with ENGINE_CONSOLE_PASSPHRASE set ' +
          '(or from a terminal, to type it).',
      };
    case 'memory-no-store':
      return {
        severity: 'warning',
        message:
          `No credential store exists yet in ${dataDir}: credentials are kept in memory only and are lost when the console stops. ` +
          'To create one, restart with ENGINE_CONSOLE_PASSPHRASE set (or from a terminal, to choose a passphrase).',
      };
  }
}
