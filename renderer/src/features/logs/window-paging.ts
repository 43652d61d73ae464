import type { ResolvedLogSource } from '../../../../contract/channels/logs';

/** One edge of the loaded window: the file it is in and where reading continues from there. */
export interface Edge {
  readonly path: string;
  /** The first entry's offset (top edge) or the last entry's end (bottom edge). */
  readonly offset: number;
  /** The edge is the start (top) or the end (bottom) of its file. */
  readonly atFileEdge: boolean;
}

/** The next page to read: a backward or forward read in a file, or the tail of an older file. */
export type PageRead =
  | { readonly kind: 'read'; readonly path: string; readonly offset: number; readonly direction: 'backward' | 'forward' }
  | { readonly kind: 'tail'; readonly path: string };

/** Files of the rolling set that holds `path`, oldest first (just `path` when no set holds it). */
export function setFilesOf(source: ResolvedLogSource | null, path: string | null): readonly string[] {
  const set = source?.sets.find((x) => x.files.some((f) => f.path === path));
  return set ? set.files.map((f) => f.path) : path ? [path] : [];
}

/** The file rolled out just before `path`, or null (also when `path` is not in the set any more). */
export function olderFile(files: readonly string[], path: string): string | null {
  const i = files.indexOf(path);
  return i > 0 ? files[i - 1]! : null;
}

/** The file written after `path`, or null when `path` is the newest (or not in the set). */
export function newerFile(files: readonly string[], path: string): string | null {
  const i = files.indexOf(path);
  return i >= 0 && i < files.length - 1 ? files[i + 1]! : null;
}

/** What to read above the window: more of its top file, else the newest entries of the older file. */
export function planOlder(files: readonly string[], top: Edge | null): PageRead | null {
  if (!top) return null;
  if (!top.atFileEdge) return { kind: 'read', path: top.path, offset: top.offset, direction: 'backward' };
  const older = olderFile(files, top.path);
  return older ? { kind: 'tail', path: older } : null;
}

/** What to read below the window: more of its bottom file, else the newer file from its start; null at the live end. */
export function planNewer(files: readonly string[], bottom: Edge | null): PageRead | null {
  if (!bottom) return null;
  if (!bottom.atFileEdge) return { kind: 'read', path: bottom.path, offset: bottom.offset, direction: 'forward' };
  const newer = newerFile(files, bottom.path);
  return newer ? { kind: 'read', path: newer, offset: 0, direction: 'forward' } : null;
}

/** The last part of a path (Windows or POSIX separators: the log may come from either). */
export function fileName(path: string): string {
  return path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
}

/** Text of the divider row between the entries of two files of a set. */
export function dividerText(olderPath: string, newerPath: string): string {
  return `— ${fileName(olderPath)} ends / ${fileName(newerPath)} begins —`;
}
