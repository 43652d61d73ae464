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
  await expect(page.getByTestId(`profile-${name}`)).toBeVisible();
}

test('profiles, staged Test connection (pass and wrong password) and a fleet-wide refresh', async ({ page, app, playwright }, testInfo) => {
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

  const good = page.getByTestId('profile-HQ Secret Server');
  await good.getByRole('button', { name: 'Test connection' }).click();
  const goodResults = page.getByRole('region', { name: 'Test results for HQ Secret Server' });
  await expect(goodResults.getByText('Connection works: every stage passed.')).toBeVisible();
  for (const stage of ['dns', 'tcp', 'http', 'auth', 'permissions'])
    await expect(goodResults.locator(`[data-stage="${stage}"]`)).toHaveAttribute('data-status', 'pass');
  await expect(goodResults.locator('[data-stage="tls"]')).toHaveAttribute('data-status', 'skipped');

  const bad = page.getByTestId('profile-Typo password');
  await bad.getByRole('button', { name: 'Test connection' }).click();
  const badResults = page.getByRole('region', { name: 'Test results for Typo password' });
  await expect(badResults.getByText('Failed at Authentication.')).toBeVisible();
  await expect(badResults.locator('[data-stage="auth"]')).toHaveAttribute('data-status', 'fail');
  await expect(badResults.locator('[data-stage="permissions"]')).toHaveAttribute('data-status', 'skipped');
  await expect(badResults.getByTestId('stage-fix')).toContainText(`Wrong username or password for ${DEMO_APP_ACCOUNT.userName}`);
  await expect(page.locator('body')).not.toContainText('Not-The-Password-1');
  await page.screenshot({ path: testInfo.outputPath('connections.png'), fullPage: true });

  await nav.getByRole('link', { name: 'Fleet' }).click();
  await expect(page.getByRole('heading', { name: 'Fleet' })).toBeVisible();
  await expect(page.getByRole('grid')).toContainText('Engine host HQ');
  await page.getByRole('textbox', { name: 'Secret id' }).fill('abc');
  await page.getByRole('button', { name: 'Refresh on all instances' }).click();
  await expect(page.getByText('A secret id is a positive whole number')).toBeVisible();
  await page.getByRole('textbox', { name: 'Secret id' }).fill('1234');
  await page.getByRole('button', { name: 'Refresh on all instances' }).click();
  await expect(page.getByTestId('refresh-result-Engine host HQ')).toHaveAttribute('data-ok', 'true');
  await expect(page.getByTestId('refresh-result-Engine host Branch')).toHaveAttribute('data-ok', 'false');
  await expect(page.getByTestId('refresh-result-Engine host Branch')).toContainText('Failed: unreachable');
  await expect(page.getByText('Secret 1234: refreshed on 1 of 2 instance(s).')).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('fleet.png'), fullPage: true });

  // The demo password is never printed by the server process.
  expect(app.output()).not.toContain(DEMO_APP_ACCOUNT.password);
});
