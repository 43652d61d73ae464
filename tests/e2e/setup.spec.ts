import { test, expect } from './fixtures';

test.use({ viewport: { width: 1440, height: 900 } });

test('the setup wizard walks a fresh demo from inputs to a verified pipeline', async ({ page, app }, testInfo) => {
  test.setTimeout(240_000);
  expect(app.port).toBeGreaterThan(0);
  const shot = (name: string) => page.screenshot({ path: testInfo.outputPath(`${name}.png`), fullPage: true });
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('link', { name: 'Setup' }).click();
  const fresh = page.getByRole('region', { name: 'Fresh demo' });
  await fresh.getByRole('button', { name: 'Start a fresh demo' }).click();
  await expect(fresh.getByRole('button', { name: 'Restart the demo fresh' })).toBeVisible({ timeout: 60_000 });

  // Inputs.
  const form = page.getByRole('form', { name: 'Wizard inputs' });
  await form.getByRole('combobox', { name: 'Secret Server profile' }).click();
  await page.getByRole('option', { name: /Demo Secret Server admin/ }).click();
  await form.getByRole('combobox', { name: 'Application account' }).fill('svc');
  await page.getByRole('option', { name: /svc-engine-console/ }).click();
  await form.getByRole('combobox', { name: 'Folder of the connection secrets' }).fill('Integr');
  await page.getByRole('option', { name: '\\Shared\\Integrations' }).click();
  await form.getByRole('combobox', { name: 'Folders the policy watches' }).fill('Applic');
  await page.getByRole('option', { name: '\\Shared\\Applications' }).click();
  await form.getByRole('combobox', { name: 'Run site' }).click();
  await page.getByRole('option', { name: /Default/ }).click();
  await expect(form.getByText(/Online: 1 engine/)).toBeVisible();
  await form.getByRole('checkbox', { name: 'Engine host HQ' }).check();
  await form.getByRole('checkbox', { name: 'Engine host Branch' }).check();
  await form.getByRole('switch', { name: /Break permission inheritance/ }).check();
  await form.getByRole('switch', { name: /Lab only/ }).check();
  await expect(form.getByRole('alert')).toContainText('Never use this in production');
  await shot('01-inputs-lab-warning');
  await form.getByRole('switch', { name: /Lab only/ }).uncheck();
  await form.getByRole('button', { name: 'Save inputs' }).click();
  await expect(form.getByText('Saved.')).toBeVisible();

  // Check and plan every step.
  const steps = page.getByRole('region', { name: 'Steps' });
  await steps.getByRole('button', { name: 'Check and plan all' }).click();
  const step = (n: number, title: string) => steps.getByRole('region', { name: `${n}. ${title}` });
  const titles = [
    'Application account and role',
    'Template and secret',
    'PowerShell script',
    'Event pipeline policy',
    'Sites',
    'Verify end to end',
  ];
  await expect(step(1, titles[0]!).getByRole('table', { name: /planned changes/ })).toContainText('create');
  await expect(steps.getByRole('button', { name: 'Apply all…' })).toBeEnabled();
  await shot('02-plan');
  for (const [i, t] of titles.entries()) {
    await step(i + 1, t).scrollIntoViewIfNeeded();
    await step(i + 1, t).screenshot({ path: testInfo.outputPath(`03-plan-step-${i + 1}.png`) });
  }

  // Apply every change, confirmed in the dialog.
  await steps.getByRole('button', { name: 'Apply all…' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByRole('list', { name: 'Changes to apply' })).toContainText('create');
  await dialog.screenshot({ path: testInfo.outputPath('04-apply-dialog.png') });
  await dialog.getByRole('button', { name: /^Apply \d+ change/ }).click();
  await expect(dialog).toBeHidden();
  await expect(step(3, titles[2]!)).toHaveAttribute('data-status', 'applied', { timeout: 60_000 });
  await shot('05-applied');

  // Verify end to end.
  await steps.getByRole('button', { name: 'Verify all' }).click();
  const report = step(6, titles[5]!).getByRole('region', { name: 'Verification' });
  await expect(report).toContainText('Verified end to end', { timeout: 120_000 });
  await expect(report.getByRole('table', { name: 'Credentials Cache confirmations' })).toContainText('refreshed');
  await expect(report).toContainText('Time from the password change to the refresh');
  for (const [i, t] of titles.entries()) {
    await expect(step(i + 1, t)).toHaveAttribute('data-status', 'verified');
    await step(i + 1, t).scrollIntoViewIfNeeded();
    await step(i + 1, t).screenshot({ path: testInfo.outputPath(`06-verified-step-${i + 1}.png`) });
  }
  await shot('07-verified');

  // The runbook of the plan, as a Markdown download.
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export runbook' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^runbook-cache-pipeline-.*\.md$/);
  await file.saveAs(testInfo.outputPath(file.suggestedFilename()));

  // Checking again on the configured system plans nothing.
  await steps.getByRole('button', { name: 'Check and plan all' }).click();
  for (const [i, t] of titles.entries()) await expect(step(i + 1, t)).toHaveAttribute('data-status', 'ok');
  await expect(steps.getByRole('button', { name: 'Apply all…' })).toBeDisabled();
});
