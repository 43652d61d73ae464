import { test, expect } from './fixtures';

test.use({ serveArgs: ['--demo'] });

// The demo's HQ cache writes Serilog text to its LogPath as the seeded pipeline runs call it.
test('opens the demo cache log from its quick pick on Logs and from the Fleet "Logs" action', async ({ app: _app, page }) => {
  await page.evaluate(() => (window.location.hash = '#/logs'));
  await page.getByRole('button', { name: 'Engine host HQ log' }).click();
  const status = page.getByTestId('log-status');
  await expect(status).toContainText('serilog');
  await expect(status).toContainText(/credcache-\d{8}\.log/);
  const rows = page.getByTestId('log-row');
  await expect(rows.filter({ hasText: /\[(INF|WRN|ERR)\]/ }).first()).toBeVisible();
  await expect(rows.filter({ hasText: /\[INF\]/ }).first()).toBeVisible();
  const fromPick = (await status.textContent())!.split(' · ')[0]!;

  await page.evaluate(() => (window.location.hash = '#/fleet'));
  await page.getByRole('button', { name: 'Logs of Engine host HQ' }).click();
  await expect(page).toHaveURL(/#\/logs\?path=/);
  await expect(status).toContainText('serilog');
  expect((await status.textContent())!.split(' · ')[0]).toBe(fromPick);
  await expect(rows.filter({ hasText: /\[INF\]/ }).first()).toBeVisible();
});
