import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { test, expect } from '@playwright/test';
import { startServe } from './serve-process';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

interface Started {
  readonly child: ChildProcess;
  readonly dataDir: string;
  readonly tmp: string;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** `npm start` (serve with the demo) on fresh folders; resolves once it printed its URL. */
async function npmStart(opts: { detached?: boolean } = {}): Promise<Started> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ec-proc-data-'));
  const tmp = mkdtempSync(join(tmpdir(), 'ec-proc-tmp-'));
  const env: NodeJS.ProcessEnv = { ...process.env, ENGINE_CONSOLE_DATA_DIR: dataDir, ENGINE_CONSOLE_SKIP_BUILD: '1', TMPDIR: tmp };
  delete env.ELECTRON_PATH;
  delete env.ENGINE_CONSOLE_PASSPHRASE;
  const child = spawn(process.execPath, [join(ROOT, 'scripts/start.mjs')], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: Boolean(opts.detached),
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) =>
    child.once('exit', (code, signal) => r({ code, signal })),
  );
  let out = '';
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  await new Promise<void>((resolve, reject) => {
    void exited.then(() => reject(new Error(`start exited early:\n${out}`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      out += `${line}\n`;
      if (line.startsWith('Open: ')) resolve();
    });
  });
  return { child, dataDir, tmp, exited };
}

/** Pids of the direct children of `pid`. */
function childrenOf(pid: number): number[] {
  const ps = spawnSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' });
  return ps.stdout
    .split('\n')
    .map((l) => Number(l.trim()))
    .filter((n) => n > 0);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Kills whatever a failed test left running (`serve`: the child's pid, read while it ran). */
function cleanUp(s: Started, serve?: number): void {
  for (const pid of [s.child.pid!, ...childrenOf(s.child.pid!), ...(serve ? [serve] : [])]) if (alive(pid)) process.kill(pid, 'SIGKILL');
  rmSync(s.dataDir, { recursive: true, force: true });
  rmSync(s.tmp, { recursive: true, force: true });
}

const demoFolders = (tmp: string) => readdirSync(tmp).filter((f) => f.startsWith('engine-console-demo-'));

for (const signal of ['SIGTERM', 'SIGHUP'] as const) {
  test(`${signal} to npm start stops the serve child and the demo simulators and removes the demo folder`, async () => {
    const s = await npmStart();
    const [serve] = childrenOf(s.child.pid!);
    try {
      expect(serve).toBeGreaterThan(0);
      expect(demoFolders(s.tmp)).toHaveLength(1);
      s.child.kill(signal);
      await s.exited;
      expect(alive(serve!)).toBe(false);
      expect(demoFolders(s.tmp)).toEqual([]);
      expect(existsSync(join(s.dataDir, 'engine-console.lock'))).toBe(false);
    } finally {
      cleanUp(s, serve);
    }
  });
}

test('Ctrl+C (SIGINT to the whole process group, so the serve child gets it twice) still cleans up', async () => {
  const s = await npmStart({ detached: true });
  const [serve] = childrenOf(s.child.pid!);
  try {
    expect(demoFolders(s.tmp)).toHaveLength(1);
    process.kill(-s.child.pid!, 'SIGINT');
    await s.exited;
    expect(alive(serve!)).toBe(false);
    expect(demoFolders(s.tmp)).toEqual([]);
  } finally {
    cleanUp(s, serve);
  }
});

test('a second serve on the same data folder is refused, naming the process that holds it', async () => {
  const first = await startServe();
  try {
    const second = spawnSync(process.execPath, [join(ROOT, 'bin/engine-console.mjs'), 'serve', '--json'], {
      cwd: ROOT,
      env: { ...process.env, ENGINE_CONSOLE_DATA_DIR: first.dataDir, ENGINE_CONSOLE_PASSPHRASE: 'e2e-passphrase' },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(second.status).toBe(1);
    expect(second.stdout).toBe('');
    expect(second.stderr).toContain(`The data folder ${first.dataDir} is in use by Engine Console serve (pid ${first.pid}`);
    expect(second.stderr).toContain('ENGINE_CONSOLE_DATA_DIR');
  } finally {
    await first.stop();
  }
});
