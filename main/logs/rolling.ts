import { opendir, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { LogSet, LogSourceFile } from '../../contract/channels/logs';
import { checkAborted } from './line-reader';

/** Where a file name sits in a rolling set. */
export interface SetMember {
  /** Files with the same key roll into each other. */
  readonly key: string;
  readonly kind: LogSet['kind'];
  /** Sort key: larger is newer. */
  readonly rank: readonly number[];
}

/**
 * The rolling set a file name belongs to:
 * - size rolling (log4net `SSDE.log`, `SSDE.log.1` … `.34`; `.1` is the newest rolled file);
 * - daily rolling (Serilog `credcache-20250131.log`, `log20250131_001.txt`, log4net
 *   `SSDE.log.2025-01-31`), ordered by date, then by the `_NNN` size suffix.
 */
export function classify(name: string): SetMember {
  const size = /^(.+)\.(\d{1,4})$/.exec(name);
  if (size && !/^\d{8}$/.test(size[2]!)) return { key: `size:${size[1]}`, kind: 'size', rank: [-Number(size[2])] };
  const dated = /^(.*?)(\d{4})-?(\d{2})-?(\d{2})(?:_(\d{1,4}))?(\.[A-Za-z0-9]+)?$/.exec(name);
  if (dated && Number(dated[3]) >= 1 && Number(dated[3]) <= 12) {
    const [, prefix = '', y, m, d, seq = '0', ext = ''] = dated;
    return { key: `daily:${prefix}*${ext}`, kind: 'daily', rank: [Number(`${y}${m}${d}`), Number(seq)] };
  }
  // A base file of a size-rolled set: the newest member.
  return { key: `size:${name}`, kind: 'size', rank: [0] };
}

/** Negative when `a` is older than `b`. */
export function compareRank(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i += 1) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

const LOG_NAME = /\.(log|txt|clef|jsonl|json|out)(\.\d{1,4}|\.\d{4}-?\d{2}-?\d{2})?$|\.log\.|^[^.]+\.\d{1,4}$/i;

/** True for names that look like log files (appsettings*.json and other config is left out). */
export function looksLikeLog(name: string): boolean {
  if (/^appsettings.*\.json$|\.config$|\.dll$|\.exe$/i.test(name)) return false;
  return LOG_NAME.test(name);
}

/** Log files one listing shows at most (the newest); a folder may hold hundreds of thousands. */
export const MAX_LISTED_FILES = 10_000;

/** A folder's rolling sets, and how many log files it held against how many are shown. */
export interface SetListing {
  readonly sets: LogSet[];
  readonly found: number;
  readonly shown: number;
}

type Found = LogSourceFile & { rank: readonly number[]; mtimeMs: number };

/**
 * The log files of a folder grouped into rolling sets, most recently written set first. The
 * folder is read as a stream and only the newest `cap` files are kept, so memory stays bounded
 * whatever the folder holds; FIFOs, sockets and devices are skipped without being opened.
 */
export async function listSetsCapped(
  folder: string,
  filter: (name: string) => boolean = looksLikeLog,
  cap = MAX_LISTED_FILES,
  signal?: AbortSignal,
): Promise<SetListing> {
  let files: Found[] = [];
  let found = 0;
  let seen = 0;
  const newestFirst = (a: Found, b: Found) => b.mtimeMs - a.mtimeMs;
  for await (const ent of await opendir(folder)) {
    if ((seen += 1) % 1000 === 0) checkAborted(signal);
    if (!filter(ent.name) || ent.isDirectory() || ent.isFIFO() || ent.isSocket() || ent.isCharacterDevice() || ent.isBlockDevice())
      continue;
    const path = join(folder, ent.name);
    const s = await stat(path).catch(() => null);
    if (!s?.isFile()) continue;
    found += 1;
    files.push({ path, name: ent.name, size: s.size, mtime: s.mtime.toISOString(), rank: classify(ent.name).rank, mtimeMs: s.mtimeMs });
    if (files.length >= 2 * cap) files = files.sort(newestFirst).slice(0, cap);
  }
  files = files.sort(newestFirst).slice(0, cap);
  const groups = new Map<string, { kind: LogSet['kind']; files: Found[] }>();
  for (const f of files) {
    const c = classify(f.name);
    const g = groups.get(c.key) ?? { kind: c.kind, files: [] };
    g.files.push(f);
    groups.set(c.key, g);
  }
  const sets = [...groups.entries()].map(([key, g]) => {
    const members = g.files.sort((a, b) => compareRank(a.rank, b.rank));
    const newest = Math.max(...members.map((f) => f.mtimeMs));
    const kind: LogSet['kind'] = members.length === 1 && g.kind === 'size' ? 'single' : g.kind;
    return { set: { key, kind, files: members.map(({ path, name, size, mtime }) => ({ path, name, size, mtime })) }, newest };
  });
  return { sets: sets.sort((a, b) => b.newest - a.newest).map((x) => x.set), found, shown: files.length };
}

/** The log files of a folder grouped into rolling sets, most recently written set first (the newest 10,000). */
export async function listSets(folder: string, filter: (name: string) => boolean = looksLikeLog): Promise<LogSet[]> {
  return (await listSetsCapped(folder, filter)).sets;
}

/** The set of the folder that `file` belongs to (the file alone when the folder cannot be listed). */
export async function setOf(file: string): Promise<LogSet | null> {
  const key = classify(basename(file)).key;
  const sets = await listSets(dirname(file), (n) => classify(n).key === key).catch(() => []);
  return sets[0] ?? null;
}
