import { stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { CorrelatedLine, CorrelationSource } from '../../contract/channels/activity';
import type { LogEntry, ResolvedLogSource } from '../../contract/channels/logs';
import type { LogService } from '../logs/service';
import { resolveLogSource } from '../logs/source';
import { cancelled, errorMessage } from '../shared/errors';
import { redact } from '../shared/redact';

/** One log source to read around a run. */
export interface SourceSpec {
  readonly kind: 'cache' | 'engine';
  readonly instance: string;
  readonly profileId?: string;
  /** The profile's LogPath (cache) or the engine log folder; undefined when none is set. */
  readonly logPath?: string;
}

/** The time window and what a line must name to be picked. */
export interface Window {
  readonly from: number;
  readonly to: number;
  readonly secretId: number;
  /** Other ids that tie a line to the run (the run id in the engine log). */
  readonly alsoIds?: readonly string[];
}

const PAGE = 500;
const TEXT_CUT = 8192;

/**
 * Reads one source's lines in the window through the LogService (its time locate and page
 * reads — no second reader): the files of the source's rolling sets that can hold the window,
 * from the first entry at `from` forward until past `to`. Keeps lines that name the secret id
 * (or the run id), and warnings, errors and token lines inside the window.
 */
export async function correlateSource(
  logs: LogService,
  spec: SourceSpec,
  w: Window,
  maxLines: number,
  signal?: AbortSignal,
): Promise<{ source: CorrelationSource; lines: CorrelatedLine[] }> {
  const base = { kind: spec.kind, instance: spec.instance, ...(spec.profileId ? { profileId: spec.profileId } : {}) };
  const done = (
    status: CorrelationSource['status'],
    message: string,
    files: string[] = [],
    lines: CorrelatedLine[] = [],
    truncated = false,
  ) => ({
    source: { ...base, logPath: spec.logPath ?? null, status, message, files, lines: lines.length, truncated },
    lines,
  });
  if (!spec.logPath?.trim())
    return done(
      'no-log-path',
      spec.kind === 'cache'
        ? `"${spec.instance}" has no log folder: set its "Log folder (LogPath)" on the Connections screen.`
        : 'No Distributed Engine log folder is set.',
    );
  let source: ResolvedLogSource;
  try {
    source = await resolveLogSource(spec.logPath);
  } catch (err) {
    return done('not-reachable', `${spec.logPath} cannot be read from this machine: ${errorMessage(err)}`);
  }
  const off = await loggingOff(source);
  if (off) return done('logging-off', off);
  const unreadable = source.warnings.find((w) => w.code === 'LOG_PATH_UNREADABLE');
  if (unreadable) return done('not-reachable', unreadable.message);
  const files = await filesFor(logs, source, w);
  if (!files.length)
    return done(
      'no-files',
      `No log file in ${source.folder ?? spec.logPath} covers ${new Date(w.from).toISOString()} – ${new Date(w.to).toISOString()}.`,
    );
  const ids = [String(w.secretId), ...(w.alsoIds ?? [])].map(
    (id) => new RegExp(`(?<![\\w-])${id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w-])`, 'i'),
  );
  const lines: CorrelatedLine[] = [];
  let truncated = false;
  for (const path of files) {
    const { offset } = await logs.locate(path, { time: new Date(w.from).toISOString() }, signal);
    let at = offset;
    for (;;) {
      if (signal?.aborted) throw cancelled();
      const page = await logs.read(path, at, 'forward', PAGE);
      let past = false;
      for (const e of page.entries) {
        const t = e.ts ? Date.parse(e.ts) : NaN;
        if (!Number.isNaN(t) && t > w.to) {
          past = true;
          break;
        }
        if (!Number.isNaN(t) && t < w.from) continue;
        const match = ids.some((re) => re.test(e.text)) ? 'secret-id' : windowLine(e) ? 'window' : null;
        if (!match) continue;
        if (lines.length >= maxLines) {
          truncated = true;
          past = true;
          break;
        }
        lines.push(toLine(spec, path, e, match));
      }
      if (past || page.eof || page.end <= at) break;
      at = page.end;
    }
    if (truncated) break;
  }
  const what = `${lines.length} line(s) near the run in ${files.length} file(s)${truncated ? ` (first ${maxLines} kept)` : ''}.`;
  return done('ok', what, files, lines, truncated);
}

/** A warning or error, or a token line: worth showing from the window even without the secret id. */
function windowLine(e: LogEntry): boolean {
  return e.level === 'warn' || e.level === 'error' || e.level === 'fatal' || /\btoken\b/i.test(e.message ?? e.text);
}

function toLine(spec: SourceSpec, path: string, e: LogEntry, match: CorrelatedLine['match']): CorrelatedLine {
  return {
    instance: spec.instance,
    kind: spec.kind,
    path,
    offset: e.offset,
    ...(e.line !== undefined ? { line: e.line } : {}),
    time: e.ts ?? null,
    level: e.level ?? null,
    text: redact(e.text.slice(0, TEXT_CUT)),
    match,
  };
}

/**
 * Says why a cache writes no log: `EnableLogging: false` in the appsettings.json the source was
 * resolved from, or in the one of the install folder above a LogPath pointing at its Logs folder.
 */
async function loggingOff(source: ResolvedLogSource): Promise<string | null> {
  if (source.appsettings?.enableLogging === false)
    return `Logging is off: "EnableLogging": false in ${source.appsettings.file}. Set it to true (and recycle the application pool) to get cache logs.`;
  if (source.appsettings || !source.folder) return null;
  const file = join(dirname(source.folder), 'appsettings.json');
  if (!(await stat(file).catch(() => null))?.isFile()) return null;
  const above = await resolveLogSource(file).catch(() => null);
  if (above?.appsettings?.enableLogging !== false) return null;
  if (above.folder && resolve(above.folder) !== resolve(source.folder)) return null;
  return `Logging is off: "EnableLogging": false in ${file}. Set it to true (and recycle the application pool) to get cache logs.`;
}

/** Files of the source that can hold lines of the window: written at or after `from`, starting at or before `to`. */
async function filesFor(logs: LogService, source: ResolvedLogSource, w: Window): Promise<string[]> {
  const out: string[] = [];
  for (const set of source.sets) {
    for (const f of set.files) {
      if (Date.parse(f.mtime) < w.from - 1000 || f.size === 0) continue;
      const head = await logs.read(f.path, 0, 'forward', 1).catch(() => null);
      const first = head?.entries[0]?.ts ? Date.parse(head.entries[0].ts) : NaN;
      if (!Number.isNaN(first) && first > w.to) continue;
      out.push(f.path);
    }
  }
  return out;
}
