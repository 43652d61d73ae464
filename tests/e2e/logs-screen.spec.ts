import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page, TestInfo } from '@playwright/test';
import { test, expect } from './fixtures';

// 39 lines: mostly INFO, a WARN every 7th, an ERROR every 13th (with a two-line stack trace on the 26th).
function fileText(): string {
  const out: string[] = [];
  for (let i = 0; i < 36; i += 1) {
    const level = i % 13 === 12 ? 'ERROR' : i % 7 === 6 ? 'WARN ' : 'INFO ';
    const ts = `2025-01-31 10:${String(i).padStart(2, '0')}:00,000`;
    out.push(`${ts} (null) [12] ${level} Thycotic.DistributedEngine.Service - step ${i} secretId=${i % 5}`);
    if (i === 25) out.push('   at Thycotic.Engine.Run()', '   at Thycotic.Engine.Main()');
  }
  out.push('2025-01-31 10:36:00,000 (null) [12] INFO  Thycotic.DistributedEngine.Service - done');
  return `${out.join('\n')}\n`;
}

async function shoot(page: Page, info: TestInfo, name: string) {
  await page.screenshot({ path: info.outputPath(`${name}.png`) });
}

test('the Logs screen fills the window, numbers and colours lines, and keeps the view on bad input', async ({ app: _app, page }, info) => {
  const dir = mkdtempSync(join(tmpdir(), 'ec-logs-screen-'));
  const file = join(dir, 'SSDE.log');
  try {
    writeFileSync(file, fileText());
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.evaluate((h) => (window.location.hash = h), `#/logs?path=${encodeURIComponent(file)}`);
    const rows = page.getByTestId('log-row');
    await expect(rows.filter({ hasText: 'step 35 ' })).toBeVisible();
    await expect(page.getByTestId('log-status')).toContainText('39 lines indexed');

    // Item 2: line numbers in the normal view (the stack trace counts its lines).
    await expect(rows.filter({ hasText: 'step 35 ' }).getByTestId('log-line-no')).toHaveText('38');
    await expect(rows.filter({ hasText: 'done' }).getByTestId('log-line-no')).toHaveText('39');

    // Item 1: the pane takes the height the toolbars leave; the toolbar is one row at 1440.
    const pane = page.getByRole('log', { name: 'Log entries' });
    const box = (await pane.boundingBox())!;
    expect(box.y + box.height).toBeGreaterThan(900 - 40);
    expect(box.height).toBeGreaterThan(450);
    const level = (await page.getByLabel('Level').boundingBox())!;
    const copy = (await page.getByRole('button', { name: 'Copy visible' }).boundingBox())!;
    expect(Math.abs(copy.y + copy.height / 2 - (level.y + level.height / 2))).toBeLessThan(8);
    expect((await page.locator('.MuiDrawer-paper').boundingBox())!.width).toBe(220);

    // Item 3: the level word is coloured; errors and warnings are tinted rows.
    const error = rows.filter({ hasText: 'step 12 ' });
    await expect(error).toHaveAttribute('data-level', 'error');
    await expect(error.getByTestId('log-level')).toHaveCSS('color', 'rgb(179, 38, 30)');
    await expect(error).toHaveCSS('background-color', 'rgb(253, 236, 235)');
    await expect(rows.filter({ hasText: 'step 6 ' })).toHaveCSS('background-color', 'rgb(255, 244, 220)');
    await page.getByLabel('Highlight').fill('secretId=3');
    await shoot(page, info, 'logs-1440-light');

    // Item 4: the filters say how many entries match.
    await page.getByLabel('Filter', { exact: true }).fill('no such words');
    await expect(page.getByTestId('filter-count')).toHaveText('0 of 37 entries match');
    await expect(page.getByText('No entry of the 37 loaded matches the filters')).toBeVisible();
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await expect(page.getByTestId('filter-count')).toHaveCount(0);

    // Item 5: a jump that cannot be read keeps the view and says why at the field.
    const jump = page.getByLabel('Jump to line or time');
    await jump.fill('last tuesday');
    await jump.press('Enter');
    await expect(page.getByText(/"last tuesday" is not a line or time/)).toBeVisible();
    await expect(rows.filter({ hasText: 'step 35 ' })).toBeVisible();
    // An invalid regex: one message at the field, the pane does not move.
    const before = (await pane.boundingBox())!.y;
    await page.getByRole('switch', { name: 'Regex' }).first().check();
    await page.getByLabel('Filter (regex)').fill('([unclosed');
    await expect(page.getByText('Invalid regex: Unterminated character class')).toBeVisible();
    expect((await pane.boundingBox())!.y).toBe(before);
    await page.getByLabel('Filter (regex)').fill('');
    // A time an admin types: opened there, the view not emptied.
    await jump.fill('2025-01-31 10:20');
    await jump.press('Enter');
    await expect(page).toHaveURL(/offset=/);
    await expect(rows.filter({ hasText: 'step 20 ' })).toBeVisible();

    // Narrow window: the navigation keeps its icons, the toolbar wraps.
    await page.setViewportSize({ width: 1024, height: 768 });
    await expect.poll(async () => (await page.locator('.MuiDrawer-paper').boundingBox())!.width).toBe(56);
    expect((await pane.boundingBox())!.height).toBeGreaterThan(250);
    await expect(rows.filter({ hasText: 'step 20 ' })).toBeVisible();
    await shoot(page, info, 'logs-1024-light');

    await page.getByLabel('Highlight').fill('step 2');
    await page.getByRole('button', { name: 'Dark theme' }).click();
    await expect(error.getByTestId('log-level')).toHaveCSS('color', 'rgb(255, 138, 128)');
    await expect(page.locator('mark').first()).toHaveCSS('color', 'rgb(26, 26, 26)');
    await shoot(page, info, 'logs-1024-dark');
    await page.setViewportSize({ width: 1440, height: 900 });
    await expect(rows.filter({ hasText: 'step 20 ' })).toBeVisible();
    await shoot(page, info, 'logs-1440-dark');

    // A missing file: its error, and the previous file is no longer "live".
    await page.evaluate((h) => (window.location.hash = h), `#/logs?path=${encodeURIComponent(join(dir, 'missing.log'))}`);
    await expect(page.getByRole('alert').filter({ hasText: 'missing.log' })).toBeVisible();
    await expect(page.getByTestId('log-status')).toHaveCount(0);
    await page.getByRole('button', { name: 'Light theme' }).click();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
