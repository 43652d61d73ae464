import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readDemoProfileIds } from '../demo/record';

/** True when the data folder holds connection profiles (decides whether to offer the demo). */
export function hasConnections(dataDir: string): boolean {
  return existsSync(join(dataDir, 'profiles.json'));
}

/**
 * True when the data folder holds profiles other than the ones the demo created (an unreadable
 * profiles.json counts as the user's, so the demo never starts over it).
 */
export function hasOwnConnections(dataDir: string): boolean {
  const file = join(dataDir, 'profiles.json');
  if (!existsSync(file)) return false;
  let ids: string[];
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as { profiles?: Array<{ id?: unknown }> };
    ids = (parsed.profiles ?? []).map((p) => String(p.id));
  } catch {
    return true;
  }
  const demo = new Set(readDemoProfileIds(dataDir));
  return ids.some((id) => !demo.has(id));
}
