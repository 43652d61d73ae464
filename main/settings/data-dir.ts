import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * The data folder: `ENGINE_CONSOLE_DATA_DIR` when set (tests use a temp folder), else the
 * platform's per-user application data folder.
 */
export function resolveDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (env.ENGINE_CONSOLE_DATA_DIR) return env.ENGINE_CONSOLE_DATA_DIR;
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Engine Console');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Engine Console');
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'engine-console');
}
