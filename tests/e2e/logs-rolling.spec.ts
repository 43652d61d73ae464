import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';

const line = (n: number) => `2016-03-08 15:15:02,123 (null) [12] INFO  Thycotic.DistributedEngine.Service.Writer - line ${n} \n`;
const PER_FILE = 1200;
const ALL = Array.from({ length: 3 * PER_FILE }, (_, i) => i);

/** A size-rolled set: SSDE.log.2 holds lines 0–1199, SSDE.log.1 1200–2399, SSDE.log 2400–3599. */
function writeSet(dir: string): void {
  ['SSDE.log.2', 'SSDE.log.1', 'SSDE.log'].forEach((name, f) => {
    writeFileSync(
      join(dir, name),
      ALL.slice(f * PER_FILE, (f + 1) * PER_FILE)
        .map(line)
        .join(''),
    );
  });
}

/** Line numbers of every entry the window holds, through "Copy visible". */
async function copiedNumbers(page: Page): Promise<number[]> {
  await page.getByRole('button', { name: 'Copy visible' }).click();
  await expect(page.getByRole('status').filter({ hasText: `Copied ${ALL.length} entries` })).toBeVisible();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  return copied.split('\n').map((l) => Number(/line (\d+) /.exec(l)?.[1]));
}

/** The rows and dividers around each roll boundary, in list order (a filter narrows the list so all render). */
async function boundaries(page: Page): Promise<string[]> {
  await page.getByRole('switch', { name: 'Regex' }).first().check();
  await page.getByLabel('Filter (regex)').fill('line (1199|1200|2399|2400) ');
  const log = page.getByRole('log');
  await expect(log.getByTestId('log-row')).toHaveCount(4);
  const texts = await log.locator('[data-testid="log-row"], [role="separator"]').allTextContents();
  return texts.map((t) => (/line (\d+) /.exec(t)?.[1] ?? t).trim());
}

const EXPECTED_BOUNDARIES = [
  '1199',
  '— SSDE.log.2 ends / SSDE.log.1 begins —',
  '1200',
  '2399',
  '— SSDE.log.1 ends / SSDE.log begins —',
  '2400',
];

test('scrolls up from the newest file into the files it rolled from, in order, none missing or doubled', async ({
  app: _app,
  page,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const dir = mkdtempSync(join(tmpdir(), 'ec-logs-roll-'));
  try {
    writeSet(dir);
    await page.evaluate((h) => (window.location.hash = h), `#/logs?path=${encodeURIComponent(join(dir, 'SSDE.log'))}`);
    const rows = page.getByTestId('log-row');
    await expect(rows.filter({ hasText: 'line 3599 ' })).toBeVisible();
    await expect(page.getByTestId('log-status')).toContainText('live');

    // Each Ctrl+Home reaches the top and loads the page above it; repeat until the oldest line shows.
    const scroller = page.getByTestId('virtuoso-scroller');
    await expect(async () => {
      await scroller.focus();
      await page.keyboard.press('Control+Home');
      await expect(rows.filter({ hasText: 'line 0 ' })).toBeVisible({ timeout: 1000 });
    }).toPass({ timeout: 30_000 });

    expect(await copiedNumbers(page)).toEqual(ALL);
    expect(await boundaries(page)).toEqual(EXPECTED_BOUNDARIES);
    // Still the newest file's window: following goes on where it was.
    await expect(page.getByTestId('log-status')).toContainText('live');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('scrolls down from the oldest file of the set into the newer ones and reaches the live end', async ({ app: _app, page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const dir = mkdtempSync(join(tmpdir(), 'ec-logs-roll-'));
  try {
    writeSet(dir);
    // Line 5, not 1: opening at the list's first row sometimes lands at the first page's bottom
    // (a separate known problem, see ARCHITECTURE.md); this test is about crossing files.
    await page.evaluate((h) => (window.location.hash = h), `#/logs?path=${encodeURIComponent(join(dir, 'SSDE.log.2'))}&line=5`);
    const rows = page.getByTestId('log-row');
    await expect(rows.filter({ hasText: 'line 0 ' })).toBeVisible();
    await expect(page.getByTestId('log-status')).not.toContainText('live');

    const scroller = page.getByTestId('virtuoso-scroller');
    await expect(async () => {
      await scroller.focus();
      await page.keyboard.press('Control+End');
      await expect(rows.filter({ hasText: 'line 3599 ' })).toBeVisible({ timeout: 1000 });
    }).toPass({ timeout: 30_000 });
    await expect(page.getByTestId('log-status')).toContainText('live');

    expect(await copiedNumbers(page)).toEqual(ALL);
    expect(await boundaries(page)).toEqual(EXPECTED_BOUNDARIES);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
