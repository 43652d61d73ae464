import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** True when the data folder holds connection profiles (decides whether to offer the demo). */
export function hasConnections(dataDir: string): boolean {
  return existsSync(join(dataDir, 'profiles.json'));
}
