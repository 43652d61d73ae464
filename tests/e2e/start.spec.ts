import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { test, expect, type Page } from '@playwright/test';
import { sessionOf } from './fixtures';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** `npm start` as a newcomer runs it: no Electron binary, no terminal, no ENGINE_CONSOLE_PASSPHRASE. */
function npmStart(dataDir: string, tmp: string): { child: ChildProcess; lines: string[]; url: Promise<string> } {
  const env: NodeJS.ProcessEnv = { ...process.env, ENGINE_CONSOLE_DATA_DIR: dataDir, ENGINE_CONSOLE_SKIP_BUILD: '1', TMPDIR: tmp };
  delete env.ELECTRON_PATH;
  delete env.ENGINE_CONSOLE_PASSPHRASE;
  const child = spawn(process.execPath, [join(ROOT, 'scripts/start.mjs')], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  child.stderr!.on('data', (d: Buffer) => lines.push(d.toString()));
  const url = new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`start exited with ${code}:\n${lines.join('\n')}`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      lines.push(line);
      const m = /^Open: (\S+)$/.exec(line);
      if (m) resolve(m[1]!);
    });
  });
  return { child, lines, url };
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

/** The demo works: its profiles are listed and its Secret Server signs in with the stored credentials. */
async function expectWorkingDemo(page: Page, origin: string): Promise<void> {
  await page.getByRole('link', { name: 'Connections' }).click();
  await expect(page.getByText('Demo Secret Server').first()).toBeVisible();
  const session = await sessionOf(page);
  const rpc = async (channel: string, payload: unknown) =>
    (await (
      await page.request.post(`${origin}/api/rpc/${channel}`, { data: { payload }, headers: { Authorization: `Bearer ${session}` } })
    ).json()) as { ok: boolean; result: unknown };
  const list = (await rpc('connections:list', {})).result as Array<{ id: string; name: string }>;
  const ss = list.find((p) => p.name === 'Demo Secret Server')!;
  expect(await rpc('connections:test', { id: ss.id })).toMatchObject({ ok: true, result: { ok: true } });
}

test('npm start twice from a clean data folder, without a terminal or passphrase, serves a working demo both times', async ({ page }) => {
  test.setTimeout(120_000);
  const dataDir = mkdtempSync(join(tmpdir(), 'ec-start-'));
  const tmp = mkdtempSync(join(tmpdir(), 'ec-start-tmp-'));
  try {
    const ports: string[] = [];
    for (const round of [1, 2]) {
      const run = npmStart(dataDir, tmp);
      try {
        const url = await run.url;
        const output = run.lines.join('\n');
        expect(output).toContain('No Electron binary is installed here');
        expect(output, `start ${round}`).toContain('The demo environment is running');
        await page.goto(url);
        await expectWorkingDemo(page, new URL(url).origin);
        ports.push(new URL(url).port);
      } finally {
        await stop(run.child);
      }
      // Stopped cleanly: the demo's temporary folder and the data-folder lock are gone.
      expect(readdirSync(tmp).filter((f) => f.startsWith('engine-console-demo-'))).toEqual([]);
      expect(existsSync(join(dataDir, 'engine-console.lock'))).toBe(false);
    }
    expect(ports[0]).not.toBe(ports[1]);
    // The same four demo profiles, pointed again, not duplicated.
    const profiles = JSON.parse(readFileSync(join(dataDir, 'profiles.json'), 'utf8')) as { profiles: unknown[] };
    expect(profiles.profiles).toHaveLength(4);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(tmp, { recursive: true, force: true });
  }
});
