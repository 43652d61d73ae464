import { EventBus } from '../ipc/router';
import { resolveDataDir } from '../settings/data-dir';
import { SettingsStore, jsonFileSettingsBackend } from '../settings/store';
import { hasOwnConnections } from '../settings/has-connections';
import { openHeadlessSecretStore, storeNotice, type PassphrasePrompt } from './headless-store';
import type { AppContext } from './app-context';
import { Notices } from './notices';
import { APP_VERSION } from './version';

/** Options for a context without Electron (serve mode, command line, tests). */
export interface HeadlessOptions {
  /** The demo runs (`--demo`). */
  readonly demo?: boolean;
  /** The demo runs when no profile but the demo's exists, or when the store stays locked (`--demo-if-empty`). */
  readonly demoIfEmpty?: boolean;
  readonly env?: NodeJS.ProcessEnv;
  /** The terminal to ask the passphrase on when `ENGINE_CONSOLE_PASSPHRASE` is not set; absent without one. */
  readonly prompt?: PassphrasePrompt;
}

/**
 * Builds the app context for plain Node: settings in `<data>/settings.json`, credentials in the
 * passphrase-encrypted `<data>/credentials.enc.json` (see `openHeadlessSecretStore`). The demo
 * without a passphrase keeps credentials in memory and never touches an existing store file.
 */
export async function createHeadlessContext(opts: HeadlessOptions = {}): Promise<AppContext> {
  const env = opts.env ?? process.env;
  const dataDir = resolveDataDir(env);
  const notices = new Notices();
  const events = new EventBus();
  notices.attach(events);
  const settings = new SettingsStore(
    jsonFileSettingsBackend(dataDir, (backup, reason) =>
      notices.add('warning', `Settings file was unreadable (${reason}); it was backed up to ${backup} and defaults are in use.`),
    ),
  );
  const { store: secrets, state } = await openHeadlessSecretStore({
    dataDir,
    env,
    ...(opts.prompt ? { prompt: opts.prompt } : {}),
    memoryFallback: Boolean(opts.demo || opts.demoIfEmpty),
    hasOwnProfiles: hasOwnConnections(dataDir),
    onCorrupt: (backup, reason) =>
      notices.add('warning', `Credential store was unreadable (${reason}); it was backed up to ${backup} and started empty.`),
  });
  const notice = storeNotice(state, dataDir);
  if (notice) notices.add(notice.severity, notice.message);
  // --demo-if-empty: the demo runs when nothing but the demo is configured, or when saved
  // profiles cannot be used anyway because the store stays locked.
  const demo = Boolean(opts.demo) || (Boolean(opts.demoIfEmpty) && (!hasOwnConnections(dataDir) || secrets.backend === 'memory'));
  return {
    mode: 'serve',
    dataDir,
    demo,
    version: APP_VERSION,
    versions: { node: process.versions.node, v8: process.versions.v8 },
    settings,
    secrets,
    notices,
    events,
  };
}
