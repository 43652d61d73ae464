import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron as electron } from 'playwright-core';
import { test, expect } from '@playwright/test';

const ELECTRON_PATH = process.env.ELECTRON_PATH;
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

// A thin smoke test of the real desktop app. There is no Electron binary on CI machines (it is
// downloaded from GitHub, which is unreachable), so it runs only where ELECTRON_PATH names one.
test.skip(!ELECTRON_PATH, 'Electron smoke test skipped: set ELECTRON_PATH to an Electron binary to run it.');

test('the desktop app starts sandboxed and answers the contract over IPC', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ec-electron-'));
  const app = await electron.launch({
    executablePath: ELECTRON_PATH!,
    args: [join(ROOT, 'out/main/index.js')],
    env: { ...process.env, ENGINE_CONSOLE_DATA_DIR: dataDir },
  });
  try {
    const page = await app.firstWindow();
    await expect(page.getByRole('navigation', { name: 'Screens' })).toBeVisible();
    // Served from the app:// scheme (issue 8 item 16), not file://.
    expect(page.url()).toMatch(/^app:\/\/engine-console\/index\.html/);
    const exposure = await page.evaluate(() => ({
      api: typeof (window as unknown as { api?: unknown }).api,
      require: typeof (window as unknown as { require?: unknown }).require,
      process: typeof (window as unknown as { process?: unknown }).process,
    }));
    expect(exposure).toEqual({ api: 'object', require: 'undefined', process: 'undefined' });
    const info = await page.evaluate(() =>
      (window as unknown as { api: { invoke: (c: string, p: unknown) => Promise<unknown> } }).api.invoke('app:info', {}),
    );
    expect(info).toMatchObject({ ok: true, result: { mode: 'desktop' } });
    await page.getByRole('link', { name: 'About' }).click();
    await expect(page.getByRole('table', { name: 'Versions' })).toContainText('Desktop (Electron)');
  } finally {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
