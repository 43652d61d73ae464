import { randomBytes } from 'node:crypto';
import { open, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, extname, isAbsolute } from 'node:path';
import { ContractError } from '../../contract';
import type { ExportResult, RunRow } from '../../contract/channels/activity';
import { cancelled } from '../shared/errors';

/** The CSV columns, in order. */
export const CSV_COLUMNS = [
  'runId',
  'status',
  'eventTime',
  'queuedAt',
  'startedAt',
  'endedAt',
  'durationMs',
  'policies',
  'pipelineId',
  'pipeline',
  'trigger',
  'secretId',
  'secretName',
  'site',
  'engine',
] as const;

/** One CSV cell: quoted when needed; a leading = + - @ is neutralised so spreadsheets never run it as a formula. */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  let s = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** A row as a CSV line (no newline). */
export function csvLine(r: RunRow): string {
  const values: Record<(typeof CSV_COLUMNS)[number], string | number | null> = {
    runId: r.runId,
    status: r.status,
    eventTime: r.eventTime,
    queuedAt: r.queuedAt,
    startedAt: r.startedAt,
    endedAt: r.endedAt,
    durationMs: r.durationMs,
    policies: r.policies.map((p) => p.name).join('; '),
    pipelineId: r.pipeline.id,
    pipeline: r.pipeline.name,
    trigger: r.trigger,
    secretId: r.secret.id,
    secretName: r.secret.name,
    site: r.site?.name ?? null,
    engine: r.engine,
  };
  return CSV_COLUMNS.map((c) => csvCell(values[c])).join(',');
}

/** Checks the target before anything is read: absolute, the format's extension, its folder there, no file unless `overwrite`. */
export async function checkExportPath(path: string, format: 'csv' | 'json', overwrite: boolean): Promise<void> {
  const fail = (message: string, code: 'VALIDATION' | 'CONFLICT' | 'FILE' = 'VALIDATION') =>
    new ContractError(code, message, { details: { field: 'path' } });
  if (!isAbsolute(path)) throw fail(`Give the full path of the file to write (${path} is relative).`);
  if (extname(path).toLowerCase() !== `.${format}`)
    throw fail(`A ${format.toUpperCase()} export is written to a .${format} file; ${basename(path)} is not one.`);
  const folder = await stat(dirname(path)).catch(() => null);
  if (!folder?.isDirectory()) throw fail(`The folder ${dirname(path)} does not exist.`, 'FILE');
  const existing = await stat(path).catch(() => null);
  if (existing && !existing.isFile()) throw fail(`${path} exists and is not a file.`, 'FILE');
  if (existing && !overwrite) throw fail(`${path} already exists: choose another name or allow overwriting.`, 'CONFLICT');
}

/**
 * Writes rows batch by batch to a temporary file next to the target and renames it into place at
 * the end, so a cancelled or failed export leaves no half file (and an existing file stays as it
 * was). Memory holds one batch.
 */
export async function writeExport(
  path: string,
  format: 'csv' | 'json',
  batches: AsyncIterable<readonly RunRow[]>,
  onRows: (rows: number) => void,
  signal?: AbortSignal,
): Promise<ExportResult> {
  const temp = `${path}.${randomBytes(4).toString('hex')}.partial`;
  const file = await open(temp, 'wx', 0o600);
  let rows = 0;
  let bytes = 0;
  const write = async (text: string) => {
    const buf = Buffer.from(text, 'utf8');
    await file.write(buf);
    bytes += buf.length;
  };
  try {
    await write(format === 'csv' ? `${CSV_COLUMNS.join(',')}\r\n` : '[');
    for await (const batch of batches) {
      if (signal?.aborted) throw cancelled('Export cancelled; no file was written.');
      const text =
        format === 'csv'
          ? batch.map((r) => `${csvLine(r)}\r\n`).join('')
          : batch.map((r, i) => `${rows + i ? ',' : ''}\n  ${JSON.stringify(r)}`).join('');
      await write(text);
      rows += batch.length;
      onRows(rows);
    }
    if (signal?.aborted) throw cancelled('Export cancelled; no file was written.');
    if (format === 'json') await write(rows ? '\n]\n' : ']\n');
    await file.sync();
    await file.close();
    await rename(temp, path);
    return { path, format, rows, bytes };
  } catch (err) {
    await file.close().catch(() => undefined);
    await rm(temp, { force: true });
    throw err;
  }
}
