import { readdir, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { fileIdOf, type OpenLog } from './file-access';
import { classify, compareRank } from './rolling';

/** Bytes compared at each end of what was read: enough to tell two log lines apart. */
const SIDE = 64;

/**
 * What a follower remembers of the bytes it has already read, to notice that they were
 * replaced (truncation, `copytruncate`, rewrite in place) even when the file grew past the
 * old offset meanwhile: the first bytes of the text and the bytes just before `at`.
 */
export interface Signature {
  readonly at: number;
  readonly head: Buffer;
  readonly mark: Buffer;
}

/** The signature of `log` for offset `at` (the head as far as the file reaches, the mark up to `at`). */
export async function readSignature(log: OpenLog, at: number): Promise<Signature> {
  const headLen = Math.max(0, Math.min(SIDE, log.size - log.bom));
  const markFrom = Math.max(log.bom, at - SIDE);
  const [head, mark] = await Promise.all([log.read(log.bom, headLen), log.read(markFrom, Math.max(0, at - markFrom))]);
  return { at, head: Buffer.from(head), mark: Buffer.from(mark) };
}

/** True when `log` still holds the bytes `sig` remembers (it may have grown since). */
export async function signatureHolds(log: OpenLog, sig: Signature): Promise<boolean> {
  if (log.size < sig.at || log.size - log.bom < sig.head.length) return false;
  const [head, mark] = await Promise.all([log.read(log.bom, sig.head.length), log.read(sig.at - sig.mark.length, sig.mark.length)]);
  return head.equals(sig.head) && mark.equals(sig.mark);
}

/** Two signatures read at the same offset agree (nothing was replaced between the two reads). */
export function sameSignature(a: Signature, b: Signature): boolean {
  return a.at === b.at && a.head.equals(b.head) && a.mark.equals(b.mark);
}

/** A file of the followed file's folder. */
export interface FolderFile {
  readonly path: string;
  readonly id: string;
  readonly size: number;
  readonly mtimeMs: number;
}

async function listOnce(folder: string, keep: (name: string) => boolean): Promise<FolderFile[]> {
  const names = await readdir(folder).catch(() => [] as string[]);
  const out: FolderFile[] = [];
  for (const name of names) {
    if (!keep(name)) continue;
    const s = await stat(join(folder, name)).catch(() => null);
    if (s?.isFile()) out.push({ path: join(folder, name), id: fileIdOf(s), size: s.size, mtimeMs: s.mtimeMs });
  }
  return out;
}

const sameListing = (a: readonly FolderFile[], b: readonly FolderFile[]) =>
  a.length === b.length && a.every((f, i) => f.path === b[i]!.path && f.id === b[i]!.id);

/**
 * Regular files of `folder` whose names pass `keep` (unreadable entries are skipped). A writer
 * may be renaming files while they are listed (a roll shifts `.1` → `.2` …), so one file can
 * show up under two names or under none: the folder is listed until two listings agree.
 */
export async function folderFiles(folder: string, keep: (name: string) => boolean): Promise<FolderFile[]> {
  let prev = await listOnce(folder, keep);
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const next = await listOnce(folder, keep);
    if (sameListing(prev, next)) break;
    prev = next;
  }
  const seen = new Set<string>();
  return prev.filter((f) => !seen.has(f.id) && Boolean(seen.add(f.id)));
}

/** The file in `path`'s folder that has identity `id` (a renamed, formerly current file). */
export async function findById(path: string, id: string): Promise<FolderFile | null> {
  return (await folderFiles(dirname(path), () => true)).find((f) => f.id === id) ?? null;
}

/** Members of `path`'s rolling set, oldest first. */
export async function setMembers(path: string): Promise<FolderFile[]> {
  const key = classify(basename(path)).key;
  const files = await folderFiles(dirname(path), (n) => classify(n).key === key);
  return files.sort((a, b) => compareRankOf(a.path, b.path));
}

/** The newest member of `path`'s rolling set, by name only (cheap enough for every poll). */
export async function newestInSet(path: string): Promise<string | null> {
  const key = classify(basename(path)).key;
  const names = await readdir(dirname(path)).catch(() => [] as string[]);
  let best: { name: string; rank: readonly number[] } | null = null;
  for (const name of names) {
    const c = classify(name);
    if (c.key !== key) continue;
    if (!best || compareRank(c.rank, best.rank) > 0) best = { name, rank: c.rank };
  }
  return best ? join(dirname(path), best.name) : null;
}

/** Negative when file `a` is older than file `b` in their rolling set. */
export function compareRankOf(a: string, b: string): number {
  return compareRank(classify(basename(a)).rank, classify(basename(b)).rank);
}

/**
 * Files that may be a copy of the followed file made just before it was truncated
 * (logrotate `copytruncate`: `SSDE.log.1`, `SSDE.log-20250131`, …): same name stem, another
 * identity, at least `minSize` bytes; the most recently written first.
 */
export async function copyCandidates(path: string, exceptId: string, minSize: number): Promise<FolderFile[]> {
  const stem = basename(path).split('.')[0] ?? basename(path);
  const self = basename(path);
  const files = await folderFiles(dirname(path), (n) => n !== self && n.startsWith(stem));
  return files.filter((f) => f.id !== exceptId && f.size >= minSize).sort((a, b) => b.mtimeMs - a.mtimeMs);
}
