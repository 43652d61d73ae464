import { closeSync, mkdirSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { ContractError } from '../../contract/errors';

/** Which kind of process holds the data folder. */
export type DataLockMode = 'desktop' | 'serve' | 'cli';

/** What the lock file says about its holder. */
export interface DataLockHolder {
  readonly pid: number;
  readonly mode: DataLockMode | string;
  readonly startedAt: string;
  readonly host: string;
}

/** A held lock on a data folder. */
export interface DataLock {
  readonly file: string;
  readonly holder: DataLockHolder;
  /** Removes the lock file if it is still this process's (idempotent). */
  release(): void;
}

/** Injectable parts (tests). */
export interface DataLockOptions {
  readonly pid?: number;
  readonly host?: string;
  readonly now?: () => Date;
  readonly isAlive?: (pid: number) => boolean;
}

/** The lock file's name inside the data folder. */
export const DATA_LOCK_FILE = 'engine-console.lock';
// A lock file that is still empty or unreadable after this long was left by a process that died
// between creating and writing it.
const UNWRITTEN_STALE_MS = 10_000;

// Locks this process holds, by lock file: a second acquire in the same process shares the lock.
const heldHere = new Map<string, { lock: DataLock; count: number }>();

/**
 * Takes `<dataDir>/engine-console.lock` (created with O_EXCL, holding pid, mode, start time and
 * host) so two processes never write the same profiles and credential store. A lock whose pid
 * is gone on this host is taken over (under a short `.takeover` mutex, so two starting processes
 * cannot both take it). Throws CONFLICT naming the holder otherwise. Within one process the lock
 * is shared: it goes when the last holder releases it.
 */
export function acquireDataLock(dataDir: string, mode: DataLockMode, opts: DataLockOptions = {}): DataLock {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = join(dataDir, DATA_LOCK_FILE);
  const mine = heldHere.get(file);
  if (mine && opts.pid === undefined) return share(file, mine);
  const holder: DataLockHolder = {
    pid: opts.pid ?? process.pid,
    mode,
    startedAt: (opts.now?.() ?? new Date()).toISOString(),
    host: opts.host ?? hostname(),
  };
  const isAlive = opts.isAlive ?? pidAlive;
  for (let attempt = 0; attempt < 5; attempt++) {
    if (createExclusive(file, JSON.stringify(holder))) {
      const entry = { lock: held(file, holder), count: 0 };
      if (opts.pid === undefined) heldHere.set(file, entry);
      return opts.pid === undefined ? share(file, entry) : entry.lock;
    }
    const current = readHolder(file);
    if (current === 'missing') continue;
    if (!isStale(file, current, holder, isAlive)) throw inUse(dataDir, current);
    takeOver(file, current === 'unreadable' ? null : current);
  }
  throw inUse(dataDir, readHolder(file));
}

function share(file: string, entry: { lock: DataLock; count: number }): DataLock {
  entry.count += 1;
  let released = false;
  return {
    file,
    holder: entry.lock.holder,
    release: () => {
      if (released) return;
      released = true;
      entry.count -= 1;
      if (entry.count > 0) return;
      heldHere.delete(file);
      entry.lock.release();
    },
  };
}

function held(file: string, holder: DataLockHolder): DataLock {
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    process.removeListener('exit', release);
    const current = readHolder(file);
    if (typeof current === 'object' && current.pid === holder.pid && current.startedAt === holder.startedAt) unlinkSync(file);
  };
  // A process that exits without releasing (an uncaught error) still leaves the folder free.
  process.once('exit', release);
  return { file, holder, release };
}

function createExclusive(file: string, content: string): boolean {
  let fd: number;
  try {
    fd = openSync(file, 'wx', 0o600);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  }
  try {
    writeSync(fd, content);
  } finally {
    closeSync(fd);
  }
  return true;
}

function readHolder(file: string): DataLockHolder | 'missing' | 'unreadable' {
  let raw: string;
  try {
    raw = readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
    return 'unreadable';
  }
  try {
    const v = JSON.parse(raw) as Partial<DataLockHolder>;
    if (typeof v.pid === 'number' && Number.isInteger(v.pid) && v.pid > 0) {
      return { pid: v.pid, mode: String(v.mode ?? 'unknown'), startedAt: String(v.startedAt ?? '?'), host: String(v.host ?? '') };
    }
  } catch {
    // handled below
  }
  return 'unreadable';
}

function isStale(file: string, current: DataLockHolder | 'unreadable', me: DataLockHolder, isAlive: (pid: number) => boolean): boolean {
  if (current === 'unreadable') return ageMs(file) > UNWRITTEN_STALE_MS;
  // A process on another host (a shared folder) cannot be checked: treat it as alive.
  if (current.host && current.host !== me.host) return false;
  // Our own pid in the file can only be a leftover of an earlier process (pids are reused).
  if (current.pid === me.pid) return true;
  return !isAlive(current.pid);
}

function takeOver(file: string, stale: DataLockHolder | null): void {
  const mutex = `${file}.takeover`;
  if (!createExclusive(mutex, String(process.pid))) {
    // Another process is taking over right now; a mutex left by a crash is cleared after a while.
    if (ageMs(mutex) > UNWRITTEN_STALE_MS) unlinkQuiet(mutex);
    return;
  }
  try {
    const again = readHolder(file);
    const same =
      again === 'unreadable'
        ? stale === null
        : typeof again === 'object' && stale !== null && again.pid === stale.pid && again.startedAt === stale.startedAt;
    if (same) unlinkQuiet(file);
  } finally {
    unlinkQuiet(mutex);
  }
}

function inUse(dataDir: string, current: DataLockHolder | 'missing' | 'unreadable'): ContractError {
  const who =
    typeof current === 'object'
      ? `Engine Console ${current.mode} (pid ${current.pid}${current.host ? ` on ${current.host}` : ''}, started ${current.startedAt})`
      : 'another Engine Console process that is starting';
  return new ContractError(
    'CONFLICT',
    `The data folder ${dataDir} is in use by ${who}. Stop that process first, or give this one another data folder with ENGINE_CONSOLE_DATA_DIR.`,
    {
      details: {
        field: 'ENGINE_CONSOLE_DATA_DIR',
        file: join(dataDir, DATA_LOCK_FILE),
        ...(typeof current === 'object' ? { pid: current.pid, mode: current.mode } : {}),
      },
    },
  );
}

/** True when a process with this pid exists (EPERM: it exists but belongs to another user). */
export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function ageMs(file: string): number {
  try {
    return Date.now() - statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}

function unlinkQuiet(file: string): void {
  try {
    unlinkSync(file);
  } catch {
    // already gone
  }
}
