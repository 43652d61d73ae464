import { mkdirSync, readFileSync, renameSync, writeFileSync, existsSync, copyFileSync } from 'node:fs';
import { dirname } from 'node:path';

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
    reason = err instanceof Error ? err.message : String(err);
  }
  if (reason === null) return { kind: 'ok', value };
  const backup = `${file}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`;
  copyFileSync(file, backup);
  return { kind: 'corrupt', backup, reason };
}

/** Writes JSON atomically (temp file + rename) so a crash never leaves half a file. */
export function writeJsonFileAtomic(file: string, value: unknown, mode = 0o600): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(value, null, 2), { mode });
  renameSync(tmp, file);
}
