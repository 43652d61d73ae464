import { closeSync, copyFileSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { errorMessage } from './errors';

/** What happened when a store file was opened. */
export type LoadOutcome =
  | { readonly kind: 'ok'; readonly value: unknown }
  | { readonly kind: 'missing' }
  | { readonly kind: 'corrupt'; readonly backup: string; readonly reason: string };

/**
 * Reads a JSON file; a file that does not parse is copied to `<file>.corrupt-<time>` and
 * reported, so nothing is lost and the caller can start empty and tell the user.
 */
export function loadJsonFile(file: string, validate?: (v: unknown) => string | null): LoadOutcome {
  if (!existsSync(file)) return { kind: 'missing' };
  let reason: string | null;
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, 'utf8'));
    reason = validate ? validate(value) : null;
  } catch (err) {
    reason = errorMessage(err);
  }
  if (reason === null) return { kind: 'ok', value };
  const backup = `${file}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`;
  copyFileSync(file, backup);
  return { kind: 'corrupt', backup, reason };
}

/**
 * Writes JSON atomically: to a temp file that is fsynced, then renamed over the target (and the
 * folder fsynced where the platform allows), so a crash or power loss leaves the old file or the
 * new one, never half of either. Every store file of the app goes through here.
 */
export function writeJsonFileAtomic(file: string, value: unknown, mode = 0o600): void {
  const dir = dirname(file);
  mkdirSync(dir, { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  const fd = openSync(tmp, 'w', mode);
  try {
    writeSync(fd, JSON.stringify(value, null, 2));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
  syncFolder(dir);
}

// Makes the rename itself durable. Windows cannot open a folder for fsync; there the rename is left to NTFS.
function syncFolder(dir: string): void {
  if (process.platform === 'win32') return;
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // Some file systems refuse fsync on a folder; the data itself is already on disk.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
