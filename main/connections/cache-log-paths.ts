import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { profilesFileSchema } from './profiles';
import { errorMessage } from '../shared/errors';

/** A Credentials Cache profile as far as its logs are concerned. */
export interface CacheLogProfile {
  readonly name: string;
  readonly logPath?: string;
}

/**
 * Credentials Cache profiles of a data folder, read straight from profiles.json. The file holds
 * no credentials, so the command line needs no passphrase; it is only read, never backed up or
 * rewritten (that stays with `ProfileStore`, which can tell the user).
 */
export function readCacheLogProfiles(dataDir: string): readonly CacheLogProfile[] {
  const file = join(dataDir, 'profiles.json');
  if (!existsSync(file)) return [];
  let parsed: ReturnType<typeof profilesFileSchema.safeParse>;
  try {
    parsed = profilesFileSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  } catch (err) {
    throw new Error(`${file} cannot be read: ${errorMessage(err)}`, { cause: err });
  }
  if (!parsed.success) throw new Error(`${file} is not a valid profiles file: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  return parsed.data.profiles.flatMap((p) =>
    p.kind === 'credentials-cache' ? [{ name: p.name, ...(p.logPath?.trim() ? { logPath: p.logPath.trim() } : {}) }] : [],
  );
}

/** What `--cache NAME` found: the profile, or why there is none. */
export type CacheLogLookup =
  | { readonly kind: 'found'; readonly name: string; readonly logPath: string }
  | { readonly kind: 'no-log-path'; readonly name: string }
  | { readonly kind: 'unknown'; readonly known: readonly string[] };

/** Finds a Credentials Cache profile by name, ignoring case (names are unique per kind that way). */
export function findCacheLogProfile(profiles: readonly CacheLogProfile[], name: string): CacheLogLookup {
  const wanted = name.trim().toLowerCase();
  const p = profiles.find((x) => x.name.toLowerCase() === wanted);
  if (!p) return { kind: 'unknown', known: profiles.map((x) => x.name) };
  return p.logPath ? { kind: 'found', name: p.name, logPath: p.logPath } : { kind: 'no-log-path', name: p.name };
}
