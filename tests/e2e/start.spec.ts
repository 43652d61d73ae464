import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { test, expect } from '@playwright/test';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

test('npm start without an Electron binary serves the console with the demo when nothing is configured', async ({ page }) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ec-start-'));
  const env: NodeJS.ProcessEnv = { ...process.env, ENGINE_CONSOLE_DATA_DIR: dataDir, ENGINE_CONSOLE_SKIP_BUILD: '1' };
  delete env.ELECTRON_PATH;
  delete env.ENGINE_CONSOLE_PASSPHRASE;
  const child = spawn(process.execPath, [join(ROOT, 'scripts/start.mjs')], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    const lines: string[] = [];
    const url = await new Promise<string>((resolve, reject) => {
      child.once('exit', (code) => reject(new Error(`start exited with ${code}:\n${lines.join('\n')}`)));
      createInterface({ input: child.stdout! }).on('line', (line) => {
        lines.push(line);
        const m = /^Open: (\S+)$/.exec(line);
        if (m) resolve(m[1]!);
      });
    });
    expect(lines.join('\n')).toContain('No Electron binary is installed here');
    expect(lines.join('\n')).toContain('The demo environment is running');
    await page.goto(url);
    await page.getByRole('link', { name: 'Connections' }).click();
    await expect(page.getByText('Demo Secret Server')).toBeVisible();
  } finally {
    child.kill('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  }
});
