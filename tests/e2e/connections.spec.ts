import { test, expect } from './fixtures';
import { DEMO_APP_ACCOUNT } from '../../main/demo/world';

test.use({ serveArgs: ['--demo'] });

/** The demo's Secret Server URL, read through the app's own API (never from the page's secrets). */
async function demoSecretServerUrl(
  origin: string,
  session: string,
  request: import('@playwright/test').APIRequestContext,
): Promise<string> {
  const res = await request.post(`${origin}/api/rpc/connections:list`, {
    data: { payload: {} },
    headers: { Authorization: `Bearer ${session}` },
  });
  const body = (await res.json()) as { result: Array<{ kind: string; baseUrl?: string }> };
  const ss = body.result.find((p) => p.kind === 'secret-server');
  if (!ss?.baseUrl) throw new Error('The demo created no Secret Server profile');
  return ss.baseUrl;
}

async function addSecretServerProfile(page: import('@playwright/test').Page, name: string, url: string, password: string) {
  await page.getByRole('button', { name: 'Add connection' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add connection' });
  await dialog.getByRole('textbox', { name: 'Name', exact: true }).fill(name);
  await dialog.getByRole('textbox', { name: 'Secret Server URL', exact: true }).fill(url);
  await dialog.getByRole('textbox', { name: 'User name', exact: true }).fill(DEMO_APP_ACCOUNT.userName);
  await dialog.getByRole('textbox', { name: 'Password', exact: true }).fill(password);
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  // The new profile's row is selected and focused.
  const row = profileRow(page, name);
  await expect(row).toBeVisible();
  await expect(row).toHaveAttribute('aria-selected', 'true');
  await expect(row.locator(':focus')).toHaveCount(1);
}

function profileRow(page: import('@playwright/test').Page, name: string) {
  return page
    .getByRole('grid', { name: 'Connections' })
    .getByRole('row')
    .filter({ has: page.getByRole('button', { name: `Test ${name}`, exact: true }) });
}

/** Opens a profile's test details, checks them with `check`, and closes the dialog. */
async function details(
  page: import('@playwright/test').Page,
  name: string,
  check: (d: import('@playwright/test').Locator) => Promise<void>,
) {
  await page.getByRole('button', { name: `Details of ${name}` }).click();
  const d = page.getByRole('dialog', { name: `Test results for ${name}` });
  await check(d);
  await d.getByRole('button', { name: 'Close' }).click();
  await expect(d).toBeHidden();
}

test('profiles, staged Test connection (pass and wrong password) and a fleet-wide refresh', async ({ page, app, playwright }, testInfo) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  const api = await playwright.request.newContext();
  const ssUrl = await demoSecretServerUrl(app.origin, app.session, api);
  await api.dispose();
  const nav = page.getByRole('navigation', { name: 'Screens' });
  await nav.getByRole('link', { name: 'Connections' }).click();
  await expect(page.getByRole('heading', { name: 'Connections' })).toBeVisible();

  // Field-level validation before anything is sent.
  await page.getByRole('button', { name: 'Add connection' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add connection' });
  await dialog.getByRole('textbox', { name: 'Secret Server URL', exact: true }).fill('not a url');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog.getByText('The Secret Server URL must be an http:// or https:// URL')).toBeVisible();
  await expect(dialog.getByText('Enter a name')).toBeVisible();
  await dialog.getByRole('button', { name: 'Cancel' }).click();

  await addSecretServerProfile(page, 'HQ Secret Server', ssUrl, DEMO_APP_ACCOUNT.password);
  await addSecretServerProfile(page, 'Typo password', ssUrl, 'Not-The-Password-1');

  await page.getByRole('button', { name: 'Test HQ Secret Server', exact: true }).click();
  await expect(profileRow(page, 'HQ Secret Server').getByText('Passed', { exact: true })).toBeVisible();
  await details(page, 'HQ Secret Server', async (d) => {
    await expect(d.getByText('Connection works: every stage passed.')).toBeVisible();
    for (const stage of ['dns', 'tcp', 'http', 'auth', 'permissions'])
      await expect(d.locator(`[data-stage="${stage}"]`)).toHaveAttribute('data-status', 'pass');
    await expect(d.locator('[data-stage="tls"]')).toHaveAttribute('data-status', 'skipped');
  });

  await page.getByRole('button', { name: 'Test Typo password', exact: true }).click();
  await expect(profileRow(page, 'Typo password').getByText('Failed: authentication')).toBeVisible();
  const checkBad = async (d: import('@playwright/test').Locator) => {
    await expect(d.getByText('Failed at Authentication.')).toBeVisible();
    await expect(d.locator('[data-stage="auth"]')).toHaveAttribute('data-status', 'fail');
    await expect(d.locator('[data-stage="permissions"]')).toHaveAttribute('data-status', 'skipped');
    await expect(d.getByTestId('stage-fix')).toContainText(`Wrong username or password for ${DEMO_APP_ACCOUNT.userName}`);
  };
  await details(page, 'Typo password', checkBad);
  // The stages are kept with the last result: after a reload they are still there on demand.
  await page.reload();
  await expect(profileRow(page, 'Typo password').getByText('Failed: authentication')).toBeVisible();
  await details(page, 'Typo password', checkBad);
  await expect(page.locator('body')).not.toContainText('Not-The-Password-1');
  await page.screenshot({ path: testInfo.outputPath('connections.png'), fullPage: true });

  await nav.getByRole('link', { name: 'Fleet' }).click();
  await expect(page.getByRole('heading', { name: 'Fleet' })).toBeVisible();
  await expect(page.getByRole('grid')).toContainText('Engine host HQ');
  await page.getByRole('textbox', { name: 'Secret id' }).fill('abc');
  await page.getByRole('button', { name: 'Refresh on all instances' }).click();
  await expect(page.getByText('A secret id is a positive whole number')).toBeVisible();
  // 1234 is no secret of the demo: the cache accepts (202), then its log says the refresh failed.
  await page.getByRole('textbox', { name: 'Secret id' }).fill('1234');
  await page.getByRole('button', { name: 'Refresh on all instances' }).click();
  const hq = page.getByTestId('refresh-result-Engine host HQ');
  await expect(hq).toHaveAttribute('data-confirmation', 'failed');
  await expect(hq).toContainText('Accepted (202), then failed');
  await expect(hq).toContainText('Secret Server answered HTTP 404');
  await expect(page.getByTestId('refresh-result-Engine host Branch')).toHaveAttribute('data-ok', 'false');
  await expect(page.getByTestId('refresh-result-Engine host Branch')).toContainText('Failed: unreachable');
  await expect(page.getByText('Secret 1234: refreshed on 0 of 2 instance(s).')).toBeVisible();
  // 1031 (app-001-prod) exists: the log confirms the refresh.
  await page.getByRole('textbox', { name: 'Secret id' }).fill('1031');
  await page.getByRole('button', { name: 'Refresh on all instances' }).click();
  await expect(hq).toHaveAttribute('data-confirmation', 'refreshed');
  await expect(hq).toContainText('Refreshed (log confirms)');
  await expect(page.getByText('Secret 1031: refreshed on 1 of 2 instance(s).')).toBeVisible();
  // At 1440 px no cell of the instance grid is cut.
  const cut = await page
    .getByRole('grid', { name: 'Credentials Cache instances' })
    .locator('[role="gridcell"], [role="gridcell"] .MuiChip-label, [role="columnheader"] .MuiDataGrid-columnHeaderTitle')
    .evaluateAll((els) => els.filter((e) => e.scrollWidth > e.clientWidth + 1).map((e) => e.textContent));
  expect(cut).toEqual([]);
  await page.screenshot({ path: testInfo.outputPath('fleet.png'), fullPage: true });

  // The demo password is never printed by the server process.
  expect(app.output()).not.toContain(DEMO_APP_ACCOUNT.password);
});
