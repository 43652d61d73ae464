import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';

test.use({ serveArgs: ['--demo'], viewport: { width: 1440, height: 900 } });

/** Calls a channel with the tab's session, as the page does. */
async function rpc<T>(page: Page, origin: string, session: string, channel: string, payload: unknown): Promise<T> {
  const res = await page.request.post(`${origin}/api/rpc/${channel}`, {
    data: { payload },
    headers: { Authorization: `Bearer ${session}`, Origin: origin },
  });
  const body = (await res.json()) as { ok: boolean; result: T; error?: { message: string } };
  if (!body.ok) throw new Error(`${channel}: ${body.error?.message}`);
  return body.result;
}

test('failed runs: filter, open one, see the cause and the correlated lines, refresh the secret everywhere', async ({
  page,
  app,
}, testInfo) => {
  // The demo holds failures of at least four different causes.
  const failed = await rpc<{ rows: Array<{ runId: string }> }>(page, app.origin, app.session, 'activity:runs', {
    failedOnly: true,
    pageSize: 100,
  });
  const codes = new Set<string>();
  for (const r of failed.rows) {
    const d = await rpc<{ cause: { code: string } | null }>(page, app.origin, app.session, 'activity:run', { runId: r.runId });
    if (d.cause) codes.add(d.cause.code);
  }
  expect(codes.size).toBeGreaterThanOrEqual(4);

  await page.getByRole('navigation', { name: 'Screens' }).getByRole('link', { name: 'Pipeline activity' }).click();
  const grid = page.getByRole('grid', { name: 'Pipeline runs' });
  await expect(grid.locator('.run-row').first()).toBeVisible();
  await expect(grid.locator('.run-success').first()).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('activity-1440-all.png') });

  // Failed only: the route says so, and every row is a failure.
  await page.getByLabel('Failed only').check();
  await expect(page).toHaveURL(/#\/activity\?failed=1/);
  await expect(grid.locator('.run-success')).toHaveCount(0);
  await expect(grid.locator('.run-failed').first()).toBeVisible();
  await expect(page.getByTestId('runs-count')).toHaveText(`${failed.rows.length} run(s)`);

  // Open the newest failed run of the stopped Branch cache: Enter on the focused row opens it.
  const branchRow = grid.locator('.run-failed', { hasText: 'Branch' }).first();
  await branchRow.locator('[data-field="secretName"]').click();
  const detail = page.getByRole('complementary', { name: 'Run detail' });
  await expect(detail).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(detail).toBeHidden();
  await branchRow.locator('[data-field="secretName"]').focus();
  await page.keyboard.press('Enter');
  await expect(detail).toBeVisible();
  await expect(page).toHaveURL(/run=[0-9a-f-]{36}/);

  const cause = detail.getByTestId('run-cause');
  await expect(cause).toHaveAttribute('data-cause', 'cache-unreachable');
  await expect(cause).toContainText('Fix:');
  await expect(detail.getByRole('list', { name: 'Tasks' })).toContainText('Token request failed');
  // Correlation: every source says what happened, then the lines, some naming the secret.
  await expect(detail.getByTestId('source-Engine host HQ')).toHaveAttribute('data-source-status', 'ok');
  await expect(detail.getByTestId('source-Distributed Engine')).toBeVisible();
  const lines = detail.getByRole('list', { name: 'Correlated log lines' });
  await expect(lines.getByTestId('correlated-line').first()).toBeVisible();
  await expect(cause).toContainText('from the task notes and the correlated log lines');
  await page.screenshot({ path: testInfo.outputPath('activity-1440-detail.png') });
  await lines.scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath('activity-1440-lines.png') });

  // Refresh the run's secret on all instances: one result per instance, the log confirmation shown.
  await detail.getByRole('button', { name: 'Refresh secret on all instances' }).click();
  const results = detail.getByRole('table', { name: 'Refresh results' });
  await expect(results.getByTestId('refresh-result-Engine host HQ')).toHaveAttribute('data-confirmation', 'refreshed');
  await expect(results.getByTestId('refresh-result-Engine host Branch')).toHaveAttribute('data-ok', 'false');
  await expect(detail.getByRole('status').filter({ hasText: 'refreshed on 1 of 2 instance(s)' })).toBeVisible();
  await detail.getByRole('heading', { name: 'Actions' }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath('activity-1440-refresh.png') });

  // A correlated line opens the Logs screen at its position.
  const first = lines.getByTestId('correlated-line').first().getByRole('link');
  const href = await first.getAttribute('href');
  expect(href).toMatch(/^#\/logs\?path=.+&offset=\d+$/);
  await first.click();
  await expect(page).toHaveURL(/#\/logs\?path=.+&offset=\d+/);

  // Back on the table at 1024×768: the detail is a drawer over the table.
  await page.goBack();
  await page.setViewportSize({ width: 1024, height: 768 });
  await expect(page.getByRole('dialog').getByTestId('run-cause')).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('activity-1024-detail.png') });
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('run-detail')).toBeHidden();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await page.screenshot({ path: testInfo.outputPath('activity-1024-table.png') });

  // Dark theme: the same screen stays readable.
  await page.getByRole('button', { name: 'Dark theme' }).click();
  await page.setViewportSize({ width: 1440, height: 900 });
  await grid.locator('.run-failed').first().locator('[data-field="secretName"]').click();
  await expect(page.getByTestId('run-cause')).toBeVisible();
  await expect(page.getByRole('list', { name: 'Correlated log lines' })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('activity-1440-dark.png') });
});

test('the Overview counts failed runs of the last 24 h and its link opens the filtered table', async ({ page, app }, testInfo) => {
  expect(app.port).toBeGreaterThan(0);
  const tile = page.getByRole('group', { name: 'Failed runs, last 24 h' });
  await expect(tile.getByTestId('failed-runs')).toHaveText(/^\d+ failed$/);
  const count = Number((await tile.getByTestId('failed-runs').textContent())?.split(' ')[0]);
  expect(count).toBeGreaterThan(0);
  await page.screenshot({ path: testInfo.outputPath('overview-failed-runs.png') });
  await tile.getByRole('link', { name: 'Show the failed runs' }).click();
  await expect(page).toHaveURL(/#\/activity\?status=Failed&from=.+&profile=/);
  const grid = page.getByRole('grid', { name: 'Pipeline runs' });
  await expect(grid.locator('.run-failed').first()).toBeVisible();
  await expect(grid.locator('.run-success')).toHaveCount(0);
  await expect(page.getByTestId('runs-count')).toHaveText(`${count} run(s)`);

  // Export the filtered runs as CSV to a path typed by the user (serve mode has no save dialog).
  await page.getByRole('button', { name: 'Export…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export the filtered runs' });
  await expect(dialog.getByRole('textbox', { name: 'File (full path)' })).toHaveValue(
    new RegExp(`^${app.dataDir}/pipeline-runs-.*\\.csv$`),
  );
  const target = join(app.dataDir, 'failed-runs.csv');
  await dialog.getByRole('textbox', { name: 'File (full path)' }).fill(target);
  await dialog.getByRole('button', { name: 'Export', exact: true }).click();
  await expect(dialog.getByText(`Wrote ${count} run(s)`)).toBeVisible();
  const csv = readFileSync(target, 'utf8').trim().split(/\r?\n/);
  expect(csv).toHaveLength(count + 1);
  expect(csv.slice(1).every((l) => l.split(',')[1] === 'Failed')).toBe(true);
});
