import { isAbsolute, resolve as resolvePath, win32 } from 'node:path';
import { parse, printParseErrorCode, type ParseError } from 'jsonc-parser';
import type { LogSourceWarning } from '../../contract/channels/logs';
import { ContractError } from '../../contract/errors';
import { readRegularFile } from '../shared/regular-file';

/** What the console needs from a Credentials Cache `appsettings.json`. */
export interface CacheLogSettings {
  readonly file: string;
  readonly enableLogging?: boolean;
  readonly logPath?: string;
  /** LogPath made absolute against the install folder. */
  readonly logFolder?: string;
  readonly warnings: LogSourceWarning[];
}

/** Case-insensitive lookup, as .NET configuration binds keys. */
function getKey(obj: Record<string, unknown>, key: string): unknown {
  const k = Object.keys(obj).find((x) => x.toLowerCase() === key.toLowerCase());
  return k === undefined ? undefined : obj[k];
}

/** A .NET configuration boolean: true/false in any case, as a JSON boolean or a string. */
function toBool(v: unknown): boolean | undefined {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string' && /^(true|false)$/i.test(v.trim())) return v.trim().toLowerCase() === 'true';
  return undefined;
}

/**
 * Reads `appsettings.json` the way .NET does: a UTF-8 byte-order mark, `//` and block comments
 * and trailing commas are all accepted. `LogPath` may be relative to the install folder.
 */
export async function readCacheLogSettings(file: string, installFolder: string): Promise<CacheLogSettings> {
  const warnings: LogSourceWarning[] = [];
  let text: string;
  try {
    // A settings file is a few KB: a FIFO or a huge file is refused rather than read.
    text = (await readRegularFile(file, { field: 'input', maxBytes: 1024 * 1024, what: 'appsettings.json' })).toString('utf8');
  } catch (err) {
    const message =
      err instanceof ContractError ? err.message : `${file} cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'}).`;
    warnings.push({ code: 'APPSETTINGS_INVALID', message, file });
    return { file, warnings };
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const errors: ParseError[] = [];
  const root: unknown = parse(text, errors, { allowTrailingComma: true, disallowComments: false });
  if (errors.length > 0 || typeof root !== 'object' || root === null || Array.isArray(root)) {
    const first = errors[0];
    const where = first
      ? ` at line ${text.slice(0, first.offset).split('\n').length}: ${printParseErrorCode(first.error)}`
      : ': not a JSON object';
    warnings.push({ code: 'APPSETTINGS_INVALID', message: `${file} is not valid JSON${where}.`, file });
    return { file, warnings };
  }
  const obj = root as Record<string, unknown>;
  const enableLogging = toBool(getKey(obj, 'EnableLogging'));
  const rawPath = getKey(obj, 'LogPath');
  const logPath = typeof rawPath === 'string' && rawPath.trim() !== '' ? rawPath.trim() : undefined;
  if (enableLogging === false) {
    warnings.push({
      code: 'ENABLE_LOGGING_FALSE',
      message: `EnableLogging is false in ${file}: the Credentials Cache writes no log lines. Set "EnableLogging": true and restart the site.`,
      key: 'EnableLogging',
      file,
    });
  }
  if (!logPath) {
    warnings.push({ code: 'LOG_PATH_MISSING', message: `LogPath is missing or empty in ${file}.`, key: 'LogPath', file });
    return { file, enableLogging, logPath, warnings };
  }
  return { file, enableLogging, logPath, logFolder: absoluteLogPath(logPath, installFolder), warnings };
}

/** LogPath against the install folder; Windows paths stay Windows paths on any host. */
export function absoluteLogPath(logPath: string, installFolder: string): string {
  if (win32.isAbsolute(logPath) && /^([A-Za-z]:|\\\\)/.test(logPath)) return logPath;
  if (isAbsolute(logPath)) return logPath;
  const rel = logPath.replace(/^\.[\\/]/, '');
  if (/^[A-Za-z]:[\\/]/.test(installFolder)) return win32.resolve(installFolder, rel);
  return resolvePath(installFolder, rel.replace(/\\/g, '/'));
}
