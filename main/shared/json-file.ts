import { closeSync, copyFileSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
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

/** The temporary name `writeJsonFileAtomic` writes to before the rename (`<file>.<pid>.tmp`). */
export const TEMP_SUFFIX = /\.(\d+)\.tmp$/;

/**
 * Writes JSON atomically and durably: temp file, fsync, rename, fsync of the folder. Without the
 * first fsync a power cut after the rename can leave an empty file where the old one was.
 */
export function writeJsonFileAtomic(file: string, value: unknown, mode = 0o600): void {
  const dir = dirname(file);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.tmp`;
  const fd = openSync(tmp, 'w', mode);
  try {
    writeSync(fd, JSON.stringify(value, null, 2));
    fsyncSync(fd);
  } catch (err) {
    closeSync(fd);
    rmSync(tmp, { force: true });
    throw err;
  }
  closeSync(fd);
  renameSync(tmp, file);
  syncFolder(dir);
}

// The rename itself is durable only once the folder entry is flushed; Windows cannot open a
// folder for fsync (and does not need it), so failures there are ignored.
function syncFolder(dir: string): void {
  if (process.platform === 'win32') return;
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // best effort: the data itself was already flushed
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
