import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';

/** A serve-mode process started for a test. */
export interface ServeProcess {
  readonly url: string;
  readonly origin: string;
  readonly port: number;
  readonly token: string;
  readonly dataDir: string;
  readonly pid: number;
  /** Everything the process printed, for assertions on secrets never being logged. */
  output(): string;
  stop(): Promise<void>;
}

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Starts `engine-console serve --json` on a temporary data folder and waits for its URL. */
export async function startServe(
  opts: { args?: string[]; env?: Record<string, string>; prepare?: (dataDir: string) => void } = {},
): Promise<ServeProcess> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ec-e2e-'));
  opts.prepare?.(dataDir);
  const child: ChildProcess = spawn(process.execPath, [join(ROOT, 'bin/engine-console.mjs'), 'serve', '--json', ...(opts.args ?? [])], {
    cwd: ROOT,
    env: { ...process.env, ENGINE_CONSOLE_DATA_DIR: dataDir, ENGINE_CONSOLE_PASSPHRASE: 'e2e-passphrase', ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const info = await new Promise<{ url: string; port: number }>((res, rej) => {
    const timer = setTimeout(() => rej(new Error(`serve did not print its URL in time:\n${out}`)), 30_000);
    const rl = createInterface({ input: child.stdout! });
    rl.on('line', (line) => {
      out += `${line}\n`;
      try {
        const parsed = JSON.parse(line) as { url?: string; port?: number };
        if (parsed.url && parsed.port) {
          clearTimeout(timer);
          res({ url: parsed.url, port: parsed.port });
        }
      } catch {
        // not the JSON line
      }
    });
    child.once('exit', (code) => rej(new Error(`serve exited with ${code}:\n${out}`)));
  });
  const u = new URL(info.url);
  return {
    url: info.url,
    origin: u.origin,
    port: info.port,
    token: u.searchParams.get('token') ?? '',
    dataDir,
    pid: child.pid!,
    output: () => out,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
