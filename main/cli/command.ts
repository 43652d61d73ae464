import { parseArgs, type ParseArgsConfig } from 'node:util';

/** A command of `engine-console`. */
export interface Command {
  readonly name: string;
  readonly summary: string;
  /** Full `--help` text. */
  readonly help: string;
  /** Runs the command; resolves to the exit code (long-running commands resolve when stopped). */
  run(argv: string[], io: CliIO): Promise<number>;
}

/** Where a command writes; injectable for tests. */
export interface CliIO {
  out(line: string): void;
  err(line: string): void;
  env: NodeJS.ProcessEnv;
  /** Resolves when the user asks to stop (Ctrl+C, SIGTERM, SIGHUP) — used by long-running commands. */
  stopped(): Promise<void>;
  /** The terminal, when there is one: asks for a value without echoing it. */
  terminal?: { hidden(question: string): Promise<string> };
  /** All of standard input as text (`--password-stdin`); absent where there is none. */
  readStdin?(): Promise<string>;
}

/** parseArgs with strict checking; turns its errors into a usage message. */
export function parseCommandArgs<T extends NonNullable<ParseArgsConfig['options']>>(argv: string[], options: T, allowPositionals = false) {
  return parseArgs({ args: argv, options: { ...options, help: { type: 'boolean', short: 'h' } }, strict: true, allowPositionals });
}

/** Parses a TCP port option (0–65535). */
export function parsePort(value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new UsageError(`--port must be a whole number from 0 to 65535, got "${value}"`);
  return n;
}

/** A mistake in the command line; printed with a hint to `--help`. */
export class UsageError extends Error {
  override name = 'UsageError';
}
