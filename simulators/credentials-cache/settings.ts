import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The keys the simulator writes to `appsettings.json`. `EnableLogging` and `LogPath` are the
 * vendor's documented keys; `CacheTtlMinutes` is an inferred name for the documented 10-minute TTL.
 */
export interface CacheSettings {
  readonly EnableLogging: boolean;
  readonly LogPath: string;
  readonly CacheTtlMinutes: number;
}

/** The file name ASP.NET Core reads in the install folder. */
export const APPSETTINGS_FILE = 'appsettings.json';

/** Writes `appsettings.json` into the install folder the way an IIS deployment holds it. */
export function writeAppSettings(installDir: string, settings: CacheSettings): string {
  mkdirSync(installDir, { recursive: true });
  const file = join(installDir, APPSETTINGS_FILE);
  const doc = {
    Logging: { LogLevel: { Default: 'Information', 'Microsoft.AspNetCore': 'Warning' } },
    AllowedHosts: '*',
    EnableLogging: settings.EnableLogging,
    LogPath: settings.LogPath,
    CacheTtlMinutes: settings.CacheTtlMinutes,
  };
  writeFileSync(file, `${JSON.stringify(doc, null, 2)}\n`, 'utf8');
  return file;
}
