import { constants, type Stats } from 'node:fs';
import { open, stat, type FileHandle } from 'node:fs/promises';
import { ContractError } from '../../contract/errors';

/**
 * Opening a named pipe (FIFO) for reading blocks until a writer appears, and it blocks one of
 * libuv's four I/O threads: four such opens stall every file read of the process. Paths the
 * user types (log files, a CA file, appsettings.json) are therefore checked with `stat` (which
 * never blocks) before they are opened, opened with O_NONBLOCK where the platform has it (a
 * FIFO swapped in after the check then opens at once) and checked again on the handle.
 */

/** What a non-regular file is, in words; null for a regular file. */
export function nonRegularKind(s: Stats): string | null {
  if (s.isFile()) return null;
  if (s.isDirectory()) return 'a folder';
  if (s.isFIFO()) return 'a named pipe (FIFO)';
  if (s.isSocket()) return 'a socket';
  if (s.isCharacterDevice()) return 'a character device';
  if (s.isBlockDevice()) return 'a block device';
  return 'not a regular file';
}

/** The FILE error for a path that is not a regular file, naming the path and the field. */
export function notRegularError(path: string, kind: string, field: string): ContractError {
  return new ContractError('FILE', `${path} is ${kind}, not a file; give the path of a regular file.`, {
    details: { field, file: path },
  });
}

const NONBLOCK = (constants as { O_NONBLOCK?: number }).O_NONBLOCK ?? 0;

/**
 * Opens a regular file for reading without ever blocking on a FIFO or device. File-system
 * errors (ENOENT, EACCES …) are thrown as they are, for the caller's own wording; anything
 * that is not a regular file is a FILE error naming `path` and `field`.
 */
export async function openRegularFile(path: string, field: string): Promise<FileHandle> {
  const kind = nonRegularKind(await stat(path));
  if (kind) throw notRegularError(path, kind, field);
  const fh = await open(path, constants.O_RDONLY | NONBLOCK);
  const again = nonRegularKind(
    await fh.stat().catch(async (err: unknown) => {
      await fh.close().catch(() => undefined);
      throw err;
    }),
  );
  if (again) {
    await fh.close().catch(() => undefined);
    throw notRegularError(path, again, field);
  }
  return fh;
}

/**
 * Reads a small regular file whole, refusing one larger than `maxBytes` (FILE error naming
 * the path, the field and the limit) without reading more than that.
 */
export async function readRegularFile(path: string, opts: { field: string; maxBytes: number; what: string }): Promise<Buffer> {
  const fh = await openRegularFile(path, opts.field);
  try {
    const { size } = await fh.stat();
    const limit = `${opts.maxBytes >= 1048576 ? `${opts.maxBytes / 1048576} MB` : `${opts.maxBytes / 1024} KB`}`;
    const tooBig = () =>
      new ContractError('FILE', `${path} is larger than ${limit}, too large for ${opts.what}.`, {
        details: { field: opts.field, file: path },
      });
    if (size > opts.maxBytes) throw tooBig();
    // The file may grow between stat and read: never take more than the limit.
    const buf = Buffer.alloc(opts.maxBytes + 1);
    let got = 0;
    for (;;) {
      const { bytesRead } = await fh.read(buf, got, buf.length - got, got);
      if (bytesRead === 0) break;
      got += bytesRead;
      if (got > opts.maxBytes) throw tooBig();
    }
    return buf.subarray(0, got);
  } finally {
    await fh.close().catch(() => undefined);
  }
}
