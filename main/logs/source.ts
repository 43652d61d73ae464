import { stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { LogSourceWarning, ResolvedLogSource } from '../../contract/channels/logs';
import { readCacheLogSettings } from './appsettings';
import { nonRegularKind, notRegularError } from '../shared/regular-file';
import { fileError, statOrNull } from './file-access';
import { classify, listSetsCapped, type SetListing } from './rolling';

/** The Distributed Engine's log folder (log4net `log\SSDE.log`, rolled `SSDE.log.1` …). */
export const ENGINE_LOG_FOLDER = 'C:\\Program Files\\Thycotic Software Ltd\\Distributed Engine\\log\\';

/**
 * Resolves what the user pointed at to log files. Accepts a Credentials Cache install folder or
 * its `appsettings.json` (LogPath, EnableLogging), a log folder, or one log file. Connection
 * profiles call this with their configured log source.
 */
export async function resolveLogSource(input: string, signal?: AbortSignal): Promise<ResolvedLogSource> {
  const path = input.trim();
  const s = await stat(path).catch((err: unknown) => {
    throw fileError(err, path, 'input');
  });
  if (s.isDirectory()) {
    const settingsFile = join(path, 'appsettings.json');
    if (await statOrNull(settingsFile)) return fromAppsettings(path, settingsFile, input, signal);
    return fromFolder(path, input, 'folder', [], undefined, undefined, signal);
  }
  const kind = nonRegularKind(s);
  if (kind) throw notRegularError(path, kind, 'input');
  if (/^appsettings(\.[\w-]+)?\.json$/i.test(basename(path))) return fromAppsettings(dirname(path), path, input);
  const folder = dirname(path);
  const key = classify(basename(path)).key;
  const listing = await listSetsCapped(folder, (n) => classify(n).key === key, undefined, signal).catch((err: unknown) => {
    if ((err as { code?: string }).code === 'CANCELLED') throw err;
    return null;
  });
  return {
    kind: 'file',
    input,
    folder,
    sets: listing?.sets.length
      ? listing.sets
      : [{ key, kind: 'single', files: [{ path, name: basename(path), size: s.size, mtime: s.mtime.toISOString() }] }],
    current: path,
    warnings: listing ? capWarning(listing, folder) : [],
  };
}

async function fromAppsettings(installFolder: string, file: string, input: string, signal?: AbortSignal): Promise<ResolvedLogSource> {
  const settings = await readCacheLogSettings(file, installFolder);
  const appsettings = { file, enableLogging: settings.enableLogging, logPath: settings.logPath };
  const warnings = [...settings.warnings];
  if (!settings.logFolder) return { kind: 'credentials-cache', input, folder: null, sets: [], current: null, appsettings, warnings };
  const target = await statOrNull(settings.logFolder).catch(() => null);
  if (!target) {
    warnings.push({
      code: 'LOG_PATH_UNREADABLE',
      message: `LogPath in ${file} points to ${settings.logFolder}, which does not exist or cannot be read.`,
      key: 'LogPath',
      file,
    });
    return { kind: 'credentials-cache', input, folder: settings.logFolder, sets: [], current: null, appsettings, warnings };
  }
  // LogPath may name a file (a fixed log file name) rather than a folder.
  if (target.isFile()) {
    const resolved = await resolveLogSource(settings.logFolder, signal);
    return { ...resolved, kind: 'credentials-cache', input, appsettings, warnings };
  }
  return fromFolder(settings.logFolder, input, 'credentials-cache', warnings, appsettings, file, signal);
}

async function fromFolder(
  folder: string,
  input: string,
  kind: ResolvedLogSource['kind'],
  warnings: LogSourceWarning[],
  appsettings: ResolvedLogSource['appsettings'],
  settingsFile?: string,
  signal?: AbortSignal,
): Promise<ResolvedLogSource> {
  let sets: SetListing['sets'] = [];
  try {
    const listing = await listSetsCapped(folder, undefined, undefined, signal);
    sets = listing.sets;
    warnings.push(...capWarning(listing, folder));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'error';
    if (code === 'CANCELLED') throw err;
    warnings.push({
      code: 'LOG_PATH_UNREADABLE',
      message: `${folder} cannot be listed (${code})${settingsFile ? ` — LogPath in ${settingsFile}` : ''}.`,
      ...(settingsFile ? { key: 'LogPath', file: settingsFile } : { file: folder }),
    });
  }
  if (sets.length === 0 && !warnings.some((w) => w.code === 'LOG_PATH_UNREADABLE')) {
    warnings.push({ code: 'NO_LOG_FILES', message: `No log files in ${folder} yet.`, file: folder });
  }
  const newestSet = sets[0];
  const current = newestSet?.files[newestSet.files.length - 1]?.path ?? null;
  return { kind, input, folder, sets, current, ...(appsettings ? { appsettings } : {}), warnings };
}

/** "Showing the newest …" when a folder holds more log files than one listing shows. */
function capWarning(listing: SetListing, folder: string): LogSourceWarning[] {
  if (listing.found <= listing.shown) return [];
  const n = (x: number) => x.toLocaleString('en-US');
  return [
    {
      code: 'TOO_MANY_FILES',
      message: `Showing the newest ${n(listing.shown)} of ${n(listing.found)} log files in ${folder}; move older files elsewhere to see them.`,
      file: folder,
    },
  ];
}
