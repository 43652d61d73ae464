import { ContractError } from '../../contract';
import { APP_VERSION } from '../app/version';
import { UsageError, type CliIO, type Command } from './command';
import { serveCommand } from './serve';
import { logsCommand } from './logs';
import { demoCommand } from './demo';
import { errorMessage } from '../shared/errors';
import { jobsCommand } from './jobs';
import { profilesCommand } from './profiles';
import { runsCommand } from './runs';
import { promptHidden } from './prompt';

/** Every command; later areas append theirs. */
export const COMMANDS: readonly Command[] = [serveCommand, logsCommand, demoCommand, jobsCommand, profilesCommand, runsCommand];

function mainHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    'Usage: engine-console <command> [options]',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Run `engine-console <command> --help` for the options of a command.',
  ].join('\n');
}

/** Runs the command line; resolves to the process exit code. */
export async function runCli(argv: string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(mainHelp());
    return name ? 0 : 2;
  }
  if (name === '--version' || name === '-v') {
    io.out(APP_VERSION);
    return 0;
  }
  const cmd = COMMANDS.find((c) => c.name === name);
  if (!cmd) {
    io.err(`Unknown command "${name}".\n\n${mainHelp()}`);
    return 2;
  }
  try {
    return await cmd.run(rest, io);
  } catch (err) {
    if (
      err instanceof UsageError ||
      (err instanceof Error && 'code' in err && String((err as { code: unknown }).code).startsWith('ERR_PARSE_ARGS'))
    ) {
      io.err(`${err.message}\nRun \`engine-console ${cmd.name} --help\` for usage.`);
      return 2;
    }
    if (err instanceof ContractError) {
      io.err(`Error (${err.code}): ${err.message}`);
      return 1;
    }
    io.err(`Error: ${errorMessage(err)}`);
    return 1;
  }
}

/**
 * The signals that stop the command line cleanly. On Windows Node turns Ctrl+C into SIGINT,
 * Ctrl+Break into SIGBREAK and closing the console window into SIGHUP (Windows then ends the
 * process after about 10 seconds, enough for the clean-up); SIGTERM is never delivered there.
 */
export function stopSignals(platform: NodeJS.Platform = process.platform): readonly NodeJS.Signals[] {
  return platform === 'win32' ? ['SIGINT', 'SIGBREAK', 'SIGHUP', 'SIGTERM'] : ['SIGINT', 'SIGTERM', 'SIGHUP'];
}

/**
 * The process entry: real stdout/stderr, a terminal prompt when stdin is one, and stop signals.
 * SIGINT, SIGTERM and SIGHUP (and SIGBREAK on Windows, see `stopSignals`) all ask a long-running command to stop and clean up (demo
 * simulators, their temporary folder, the data-folder lock). Handlers are installed before the
 * command starts, so a signal during start-up is not lost, and they stay installed, so the second
 * SIGINT of one Ctrl+C (the terminal's and `npm start`'s forwarded one) cannot kill the process
 * half-way through its clean-up; a third signal ends it at once.
 */
export async function main(): Promise<void> {
  // Output piped into a program that stops reading (`| head`) ends the command quietly.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw err;
    });
  }
  let requested = 0;
  let stop!: () => void;
  const stopRequested = new Promise<void>((resolve) => (stop = resolve));
  const onSignal = (signal: NodeJS.Signals) => {
    requested += 1;
    stop();
    if (requested >= 3) {
      process.stderr.write(`Stopping at once (${signal} received ${requested} times).\n`);
      process.exit(1);
    }
  };
  for (const signal of stopSignals()) process.on(signal, onSignal);
  const io: CliIO = {
    out: (l) => process.stdout.write(`${l}\n`),
    err: (l) => process.stderr.write(`${l}\n`),
    env: process.env,
    stopped: () => stopRequested,
    ...(process.stdin.isTTY ? { terminal: { hidden: promptHidden } } : {}),
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const c of process.stdin) chunks.push(c as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    },
  };
  process.exitCode = await runCli(process.argv.slice(2), io);
  for (const signal of stopSignals()) process.off(signal, onSignal);
}
