import type { CliIO } from '../../main/cli/command';

/** Options of {@link captureIo}. */
export interface CaptureOptions {
  /** What `readStdin` answers (absent: the command sees no piped input). */
  readonly stdin?: string;
  /** Answers a hidden terminal prompt (absent: no terminal). */
  readonly terminal?: (question: string) => Promise<string>;
  /** `stopped()` resolves at once (a command that would wait for Ctrl+C returns straight away). */
  readonly stoppedAtOnce?: boolean;
}

/** A command line IO that keeps what a command prints; `stop()` stands for Ctrl+C. */
export function captureIo(env: NodeJS.ProcessEnv = {}, opts: CaptureOptions = {}) {
  const out: string[] = [];
  const err: string[] = [];
  let stop: () => void = () => undefined;
  const stopped = opts.stoppedAtOnce ? Promise.resolve() : new Promise<void>((r) => (stop = r));
  const cli: CliIO = {
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    env,
    stopped: () => stopped,
    ...(opts.stdin !== undefined ? { readStdin: async () => opts.stdin as string } : {}),
    ...(opts.terminal ? { terminal: { hidden: opts.terminal } } : {}),
  };
  return { cli, out, err, stop: () => stop() };
}
