import { MemorySecretStore } from '../secrets/secret-store';
import { resolveDataDir } from '../settings/data-dir';
import { hasOwnConnections } from '../settings/has-connections';
import { jsonFileSettingsBackend } from '../settings/store';
import { createContext, type AppContext } from './context';
import { openHeadlessSecretStore, storeNotice, type PassphrasePrompt } from './headless-store';

/** Options for a context without Electron (serve mode, command line, tests). */
export interface HeadlessOptions {
  /** The demo runs (`--demo`). */
  readonly demo?: boolean;
  /** The demo runs when no profile but the demo's exists, or when the store stays locked (`--demo-if-empty`). */
  readonly demoIfEmpty?: boolean;
  readonly env?: NodeJS.ProcessEnv;
  /** The terminal to ask the passphrase on when `ENGINE_CONSOLE_PASSPHRASE` is not set; absent without one. */
  readonly prompt?: PassphrasePrompt;
  /** Opens no credential store (commands that never read credentials, such as a log search). */
  readonly noCredentials?: boolean;
}

/**
 * The app context for plain Node: settings in `<data>/settings.json`, credentials in the
 * passphrase-encrypted `<data>/credentials.enc.json` (see `openHeadlessSecretStore`). The demo
 * without a passphrase keeps credentials in memory and never touches an existing store file.
 */
export async function createHeadlessContext(opts: HeadlessOptions = {}): Promise<AppContext> {
  const env = opts.env ?? process.env;
  const dataDir = resolveDataDir(env);
  let inMemory = false;
  const ctx = await createContext({
    mode: 'serve',
    dataDir,
    versions: { node: process.versions.node, v8: process.versions.v8 },
    openSettings: jsonFileSettingsBackend,
    openSecrets: async (dir, notices, onCorrupt) => {
      if (opts.noCredentials) return new MemorySecretStore();
      const { store, state } = await openHeadlessSecretStore({
        dataDir: dir,
        env,
        ...(opts.prompt ? { prompt: opts.prompt } : {}),
        memoryFallback: Boolean(opts.demo || opts.demoIfEmpty),
        hasOwnProfiles: hasOwnConnections(dir),
        onCorrupt,
      });
      const notice = storeNotice(state, dir);
      if (notice) notices.add(notice.severity, notice.message);
      inMemory = store.backend === 'memory';
      return store;
    },
  });
  // --demo-if-empty: the demo runs when nothing but the demo is configured, or when saved
  // profiles cannot be used anyway because the store stays locked.
  const demo = Boolean(opts.demo) || (Boolean(opts.demoIfEmpty) && (!hasOwnConnections(dataDir) || inMemory));
  return { ...ctx, demo };
}
