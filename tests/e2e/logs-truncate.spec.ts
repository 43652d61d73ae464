import { appendFileSync, mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect } from './fixtures';

const line = (n: number) => `2025-01-31 14:02:11.123 +00:00 [INF] line ${n} secretId=${n % 7}\n`;

// Issue 8 item 1: a followed log emptied in place (`: > FILE`) and written again was re-read
// from the start ten times a second, notice and lines repeating without end.
test('follows a log that is emptied in place and written again: each line once, the notice once', async ({ app: _app, page }) => {
  const dir = mkdtempSync(join(tmpdir(), 'ec-logs-trunc-'));
  const file = join(dir, 'credcache.log');
  try {
    writeFileSync(file, Array.from({ length: 10 }, (_, i) => line(i)).join(''));
    await page.evaluate((h) => (window.location.hash = h), `#/logs?path=${encodeURIComponent(file)}`);
    const rows = page.getByTestId('log-row');
    await expect(rows.filter({ hasText: 'line 9 ' })).toBeVisible();
    // The follow has read the file once it shows an appended line.
    appendFileSync(file, line(10));
    await expect(rows.filter({ hasText: 'line 10 ' })).toBeVisible();

    truncateSync(file, 0);
    // Each line waited for in turn: a follower stuck re-reading the file repeats the earlier ones meanwhile.
    for (const n of [11, 12, 13]) {
      appendFileSync(file, line(n));
      await expect(rows.filter({ hasText: `line ${n} ` })).toBeVisible();
    }
    for (const n of [9, 10, 11, 12, 13]) await expect(rows.filter({ hasText: `line ${n} ` })).toHaveCount(1);
    await expect(page.getByRole('separator').filter({ hasText: 'was truncated' })).toHaveCount(1);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
