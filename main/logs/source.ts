import { stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { LogSourceWarning, ResolvedLogSource } from '../../contract/channels/logs';
import { ContractError } from '../../contract';
import { readCacheLogSettings } from './appsettings';
import { fileError, statOrNull } from './file-access';
import { classify, listSets } from './rolling';

/** The Distributed Engine's log folder (log4net `log\SSDE.log`, rolled `SSDE.log.1` …). */
export const ENGINE_LOG_FOLDER = 'C:\\Program Files\\Thycotic Software Ltd\\Distributed Engine\\log\\';

/**
 * Resolves what the user pointed at to log files. Accepts a Credentials Cache install folder or
 * its `appsettings.json` (LogPath, EnableLogging), a log folder, or one log file. Connection
 * profiles call this with their configured log source.
 */
export async function resolveLogSource(input: string): Promise<ResolvedLogSource> {
  const path = input.trim();
  const s = await stat(path).catch((err: unknown) => {
    throw fileError(err, path, 'input');
  });
  if (s.isDirectory()) {
    const settingsFile = join(path, 'appsettings.json');
    if (await statOrNull(settingsFile)) return fromAppsettings(path, settingsFile, input);
    return fromFolder(path, input, 'folder', [], undefined);
  }
  if (!s.isFile()) throw new ContractError('FILE', `${path} is neither a file nor a folder`, { details: { field: 'input', file: path } });
  if (/^appsettings(\.[\w-]+)?\.json$/i.test(basename(path))) return fromAppsettings(dirname(path), path, input);
  const folder = dirname(path);
  const key = classify(basename(path)).key;
  const sets = await listSets(folder, (n) => classify(n).key === key).catch(() => []);
  return {
    kind: 'file',
    input,
    folder,
    sets: sets.length
      ? sets
      : [{ key, kind: 'single', files: [{ path, name: basename(path), size: s.size, mtime: s.mtime.toISOString() }] }],
    current: path,
    warnings: [],
  };
}

async function fromAppsettings(installFolder: string, file: string, input: string): Promise<ResolvedLogSource> {
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
    const resolved = await resolveLogSource(settings.logFolder);
    return { ...resolved, kind: 'credentials-cache', input, appsettings, warnings };
  }
  return fromFolder(settings.logFolder, input, 'credentials-cache', warnings, appsettings, file);
}

async function fromFolder(
  folder: string,
  input: string,
  kind: ResolvedLogSource['kind'],
  warnings: LogSourceWarning[],
  appsettings: ResolvedLogSource['appsettings'],
  settingsFile?: string,
): Promise<ResolvedLogSource> {
  let sets: Awaited<ReturnType<typeof listSets>> = [];
  try {
    sets = await listSets(folder);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'error';
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
