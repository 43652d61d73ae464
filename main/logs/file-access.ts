import { open, stat, type FileHandle } from 'node:fs/promises';
import { ContractError } from '../../contract';
import type { LogEncoding } from '../../contract/channels/logs';
import { detectEncoding } from './encoding';
import { errorMessage } from '../shared/errors';

/**
 * File access for log reading. Every operation opens the file, reads and closes it again:
 * no handle outlives one request or one follow tick. On Windows a handle that stays open can
 * make the writer's rename (log4net/Serilog rolling) fail; libuv opens with
 * FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, and closing quickly keeps even
 * writers that open without sharing (log4net MinimalLock) from seeing a sharing violation.
 */

/** What a reader needs to know about an opened file. */
export interface FileInfo {
  readonly path: string;
  readonly fileId: string;
  readonly size: number;
  readonly mtimeMs: number;
  readonly encoding: LogEncoding;
  /** Length of the byte-order mark: where the text starts. */
  readonly bom: number;
}

/** An open file for the length of one operation. */
export interface OpenLog extends FileInfo {
  readonly fh: FileHandle;
  /** Reads `length` bytes at `position` (fewer at the end of the file). */
  read(position: number, length: number): Promise<Buffer>;
}

/** Identity of a file: device + inode (NTFS file index on Windows). */
export function fileIdOf(s: { dev: number | bigint; ino: number | bigint }): string {
  return `${s.dev}:${s.ino}`;
}

/** Maps a Node file error to a FILE contract error naming the file. */
export function fileError(err: unknown, path: string, field = 'path'): ContractError {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  const why =
    code === 'ENOENT'
      ? 'does not exist'
      : code === 'EACCES' || code === 'EPERM'
        ? 'cannot be read (permission denied)'
        : code === 'EISDIR'
          ? 'is a folder, not a file'
          : code === 'EBUSY'
            ? 'is locked by another process'
            : `cannot be read (${code ?? errorMessage(err)})`;
  return new ContractError('FILE', `${path} ${why}`, { details: { field, file: path }, retryable: code === 'EBUSY', cause: err });
}

/** Opens a log, runs `fn`, and always closes the file again. */
export async function withLog<T>(path: string, fn: (log: OpenLog) => Promise<T>): Promise<T> {
  let fh: FileHandle;
  try {
    fh = await open(path, 'r');
  } catch (err) {
    throw fileError(err, path);
  }
  try {
    const s = await fh.stat();
    if (!s.isFile()) throw fileError(Object.assign(new Error('not a file'), { code: 'EISDIR' }), path);
    const head = Buffer.alloc(3);
    const { bytesRead } = await fh.read(head, 0, 3, 0);
    const { encoding, bom } = detectEncoding(head.subarray(0, bytesRead));
    const read = async (position: number, length: number): Promise<Buffer> => {
      const len = Math.max(0, Math.min(length, s.size - position));
      if (len === 0) return Buffer.alloc(0);
      const buf = Buffer.allocUnsafe(len);
      let got = 0;
      while (got < len) {
        const r = await fh.read(buf, got, len - got, position + got);
        if (r.bytesRead === 0) break;
        got += r.bytesRead;
      }
      return got === len ? buf : buf.subarray(0, got);
    };
    return await fn({ path, fh, fileId: fileIdOf(s), size: s.size, mtimeMs: s.mtimeMs, encoding, bom, read });
  } finally {
    await fh.close().catch(() => undefined);
  }
}

/** Stat that returns null for a missing file instead of throwing. */
export async function statOrNull(path: string) {
  try {
    return await stat(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}
