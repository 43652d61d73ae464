import { chmodSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, win32 } from 'node:path';
import { TEMP_SUFFIX } from '../shared/json-file';

/**
 * The data folder: `ENGINE_CONSOLE_DATA_DIR` when set (tests use a temp folder), else the
 * platform's per-user application data folder. On Windows that is `%APPDATA%\Engine Console`,
 * except for a service account (LocalSystem, LocalService, NetworkService, a virtual service
 * account — a scheduled task or service running as one), whose profile lives under
 * `%SystemRoot%\System32\config\systemprofile` or `%SystemRoot%\ServiceProfiles`, or which has no
 * APPDATA at all: then `%ProgramData%\Engine Console`, one folder that an administrator can find and back up.
 */
export function resolveDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (env.ENGINE_CONSOLE_DATA_DIR) return env.ENGINE_CONSOLE_DATA_DIR;
  if (platform === 'win32') {
    const programData = win32.join(env.ProgramData ?? env.ALLUSERSPROFILE ?? 'C:\\ProgramData', 'Engine Console');
    if (isWindowsServiceAccount(env)) return programData;
    return win32.join(env.APPDATA!, 'Engine Console');
  }
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Engine Console');
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'engine-console');
}

/** True when the Windows environment is a service account's (see `resolveDataDir`). */
export function isWindowsServiceAccount(env: NodeJS.ProcessEnv): boolean {
  if (!env.APPDATA) return true;
  const profile = (env.USERPROFILE ?? env.APPDATA).toLowerCase().replaceAll('/', '\\');
  return /\\system32\\config\\systemprofile(\\|$)/.test(profile) || /\\serviceprofiles\\/.test(profile);
}

/** What `prepareDataDir` did, for a notice or a log line. */
export interface PreparedDataDir {
  /** Leftover temporary files of writes that never finished (their process is gone), now removed. */
  readonly removedTemp: readonly string[];
  /** True when an existing folder was open to other users and was narrowed to 0700. */
  readonly tightened: boolean;
}

/**
 * Makes the data folder ready before any store opens it: created 0700 (credentials and profiles
 * live there), an existing folder that group or others could read narrowed to 0700 (older
 * versions created it with the umask), and `*.<pid>.tmp` files of writes whose process no longer
 * runs removed (a live process may be between its write and its rename, so its file is kept).
 */
export function prepareDataDir(dir: string, isAlive: (pid: number) => boolean = processAlive): PreparedDataDir {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  let tightened = false;
  if (process.platform !== 'win32') {
    const st = statSync(dir);
    if ((st.mode & 0o077) !== 0 && st.uid === process.getuid?.()) {
      chmodSync(dir, 0o700);
      tightened = true;
    }
  }
  const removedTemp: string[] = [];
  for (const name of readdirSync(dir)) {
    const m = TEMP_SUFFIX.exec(name);
    if (!m) continue;
    const pid = Number(m[1]);
    if (pid === process.pid || !isAlive(pid)) {
      rmSync(join(dir, name), { force: true });
      removedTemp.push(name);
    }
  }
  return { removedTemp, tightened };
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
