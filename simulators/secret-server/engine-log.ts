import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

/** log4net levels as the Distributed Engine writes them (`%-5level`). */
export type EngineLogLevel = 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';

/** The consumer that runs PowerShell jobs (queue name from the vendor's RabbitMQ naming docs). */
export const SCRIPT_LOGGER = 'Thycotic.DistributedEngine.Logic.Areas.Script.ScriptConsumer';

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** One line in the 2016 engine's log4net pattern `%utcdate %property{Context} [%thread] %-5level %logger - %message`. */
export function formatEngineLine(at: Date, level: EngineLogLevel, logger: string, message: string, thread = 12): string {
  const date = `${at.getUTCFullYear()}-${pad(at.getUTCMonth() + 1)}-${pad(at.getUTCDate())}`;
  const time = `${pad(at.getUTCHours())}:${pad(at.getUTCMinutes())}:${pad(at.getUTCSeconds())},${pad(at.getUTCMilliseconds(), 3)}`;
  return `${date} ${time} (null) [${thread}] ${level.padEnd(5)} ${logger} - ${message}`;
}

/**
 * The Distributed Engine's `log\SSDE.log` as the simulated engine would write it while running
 * pipeline scripts. The folder and file name are the vendor's; the message wording is a guess
 * (no public source shows what the engine logs for a Run Script task).
 */
export class EngineLog {
  constructor(private readonly folder: string) {}

  /** Appends one line (synchronously, in order); never pass secret values. */
  write(level: EngineLogLevel, message: string, at: Date = new Date()): void {
    mkdirSync(this.folder, { recursive: true });
    appendFileSync(join(this.folder, 'SSDE.log'), `${formatEngineLine(at, level, SCRIPT_LOGGER, message)}\n`, 'utf8');
  }
}
