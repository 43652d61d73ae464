import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect } from './fixtures';

const line = (n: number) =>
  `2016-03-08 15:15:02,123 (null) [12] INFO  Thycotic.DistributedEngine.Service.Writer - line ${n} secretId=${n % 7}\n`;

// Another process appends lines and rolls the file the way log4net does (rename to .1, new file).
const WRITER = String.raw`
const fs = require('node:fs');
const [file, from, to, rollAt] = process.argv.slice(1);
const line = ${line.toString()};
let n = Number(from);
const timer = setInterval(() => {
  for (let i = 0; i < 5 && n < Number(to); i += 1, n += 1) {
    if (n === Number(rollAt)) { fs.renameSync(file, file + '.1'); fs.writeFileSync(file, ''); }
    fs.appendFileSync(file, line(n));
  }
  if (n >= Number(to)) { clearInterval(timer); process.exit(0); }
}, 20);
`;

test('follows a log that another process appends to and rolls, with no line missing or doubled', async ({ app: _app, page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const dir = mkdtempSync(join(tmpdir(), 'ec-logs-e2e-'));
  const file = join(dir, 'SSDE.log');
  try {
    writeFileSync(file, Array.from({ length: 10 }, (_, i) => line(i)).join(''));
    await page.evaluate((h) => (window.location.hash = h), `#/logs?path=${encodeURIComponent(file)}`);
    const rows = page.getByTestId('log-row');
    await expect(rows.filter({ hasText: 'line 9 ' })).toBeVisible();
    await expect(page.getByTestId('log-status')).toContainText('log4net');

    const writer = spawn(process.execPath, ['-e', WRITER, file, '10', '400', '200'], { stdio: 'ignore' });
    const exited = new Promise<number | null>((r) => writer.once('exit', r));
    await expect(rows.filter({ hasText: 'line 399 ' })).toBeVisible({ timeout: 30_000 });
    expect(await exited).toBe(0);

    await page.getByRole('button', { name: 'Copy visible' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Copied' })).toBeVisible();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    const numbers = copied.split('\n').map((l) => Number(/line (\d+) /.exec(l)?.[1]));
    expect(numbers).toEqual(Array.from({ length: 400 }, (_, i) => i));

    // The roll is marked in the list (narrowed by a filter so the divider is rendered).
    await page.getByLabel('Filter', { exact: true }).fill('line 19');
    await expect(page.getByRole('separator').filter({ hasText: 'rolled over' })).toHaveCount(1);
    await expect(rows).toHaveCount(11);
    await page.getByLabel('Filter', { exact: true }).fill('');

    // Secret-id chip filters the view; an invalid regex is a message, not a crash.
    await rows.filter({ hasText: 'line 399 ' }).getByRole('button', { name: 'Show only secret 0' }).click();
    await expect(rows.filter({ hasText: 'line 398 ' })).toHaveCount(0);
    await expect(rows.filter({ hasText: 'line 399 ' })).toBeVisible();
    await page.getByRole('switch', { name: 'Regex' }).first().check();
    await page.getByLabel('Filter (regex)').fill('([unclosed');
    await expect(page.getByText('Invalid regex: Unterminated character class')).toBeVisible();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('opens a file at a line from the route and searches the whole file', async ({ app: _app, page }) => {
  const dir = mkdtempSync(join(tmpdir(), 'ec-logs-e2e-'));
  const file = join(dir, 'credcache-20250131.log');
  try {
    writeFileSync(
      file,
      Array.from({ length: 5000 }, (_, i) => `2025-01-31 14:02:11.123 +00:00 [${i % 100 ? 'INF' : 'ERR'}] row ${i} SecretId=${i}\n`).join(
        '',
      ),
    );
    await page.evaluate((h) => (window.location.hash = h), `#/logs?path=${encodeURIComponent(file)}&line=2500`);
    await expect(page.getByTestId('log-row').filter({ hasText: 'row 2499 ' })).toBeVisible();
    await page.getByLabel('Search whole file').fill('SecretId=42\\d\\b');
    await page.getByRole('switch', { name: 'Regex' }).last().check();
    await page.getByRole('button', { name: /^Search/ }).click();
    await expect(page.getByRole('status').filter({ hasText: '10 matching lines' })).toBeVisible();
    await page.getByRole('button', { name: /row 425 / }).click();
    await expect(page.getByTestId('log-row').filter({ hasText: 'row 425 ' })).toBeVisible();
    await expect(page).toHaveURL(/offset=/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
