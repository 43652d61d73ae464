import { join } from 'node:path';
import { loadJsonFile, writeJsonFileAtomic } from '../shared/json-file';

/** The file listing the ids of the profiles the demo created, so they are told apart from the user's. */
export const DEMO_RECORD_FILE = 'demo-profiles.json';

/** Ids of the profiles the demo created in this data folder (none when the file is missing or unreadable). */
export function readDemoProfileIds(dataDir: string): string[] {
  const loaded = loadJsonFile(join(dataDir, DEMO_RECORD_FILE), (v) => {
    const ids = (v as { profileIds?: unknown } | null)?.profileIds;
    return Array.isArray(ids) && ids.every((id) => typeof id === 'string') ? null : 'profileIds is not a list of ids';
  });
  return loaded.kind === 'ok' ? [...(loaded.value as { profileIds: string[] }).profileIds] : [];
}

/** Records the demo's profile ids. */
export function writeDemoProfileIds(dataDir: string, profileIds: readonly string[]): void {
  writeJsonFileAtomic(join(dataDir, DEMO_RECORD_FILE), { version: 1, profileIds });
}
