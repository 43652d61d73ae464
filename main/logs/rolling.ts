import { readdir, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { LogSet, LogSourceFile } from '../../contract/channels/logs';

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

/** The log files of a folder grouped into rolling sets, most recently written set first. */
export async function listSets(folder: string, filter: (name: string) => boolean = looksLikeLog): Promise<LogSet[]> {
  const names = await readdir(folder);
  const groups = new Map<string, { kind: LogSet['kind']; files: Array<LogSourceFile & { rank: readonly number[]; mtimeMs: number }> }>();
  for (const name of names) {
    if (!filter(name)) continue;
    const path = join(folder, name);
    const s = await stat(path).catch(() => null);
    if (!s?.isFile()) continue;
    const c = classify(name);
    const g = groups.get(c.key) ?? { kind: c.kind, files: [] };
    g.files.push({ path, name, size: s.size, mtime: s.mtime.toISOString(), rank: c.rank, mtimeMs: s.mtimeMs });
    groups.set(c.key, g);
  }
  const sets = [...groups.entries()].map(([key, g]) => {
    const files = g.files.sort((a, b) => compareRank(a.rank, b.rank));
    const newest = Math.max(...files.map((f) => f.mtimeMs));
    const kind: LogSet['kind'] = files.length === 1 && g.kind === 'size' ? 'single' : g.kind;
    return { set: { key, kind, files: files.map(({ path, name, size, mtime }) => ({ path, name, size, mtime })) }, newest };
  });
  return sets.sort((a, b) => b.newest - a.newest).map((s) => s.set);
}

/** The set of the folder that `file` belongs to (the file alone when the folder cannot be listed). */
export async function setOf(file: string): Promise<LogSet | null> {
  const key = classify(basename(file)).key;
  const sets = await listSets(dirname(file), (n) => classify(n).key === key).catch(() => []);
  return sets[0] ?? null;
}
