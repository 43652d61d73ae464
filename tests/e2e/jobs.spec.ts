import { createServer, type Server, type Socket } from 'node:net';
import { test, expect } from './fixtures';

/** A server that accepts connections and never answers: Test connection waits at the HTTP stage. */
async function silentServer(): Promise<{ url: string; close: () => Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}/SecretServer`,
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}

test('a running job survives a page reload: the reloaded page re-attaches, shows its progress and its end', async ({
  page,
  app,
}, testInfo) => {
  const silent = await silentServer();
  try {
    await page.getByRole('navigation', { name: 'Screens' }).getByRole('link', { name: 'Connections' }).click();
    await page.getByRole('button', { name: 'Add connection' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add connection' });
    await dialog.getByRole('textbox', { name: 'Name', exact: true }).fill('Silent server');
    await dialog.getByRole('textbox', { name: 'Secret Server URL', exact: true }).fill(silent.url);
    await dialog.getByRole('textbox', { name: 'User name', exact: true }).fill('svc-engine-console');
    await dialog.getByRole('textbox', { name: 'Password', exact: true }).fill('Some-Pa55word!');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(dialog).toBeHidden();

    const row = page
      .getByRole('grid', { name: 'Connections' })
      .getByRole('row')
      .filter({ has: page.getByRole('button', { name: 'Test Silent server', exact: true }) });
    await page.getByRole('button', { name: 'Test Silent server', exact: true }).click();
    await expect(row.locator('[data-stage="http"]')).toHaveAttribute('data-status', 'running');

    // The reload drops the request that started the job; the job goes on in main.
    await page.reload();
    await expect(row.locator('[data-stage="tcp"]')).toHaveAttribute('data-status', 'pass');
    await expect(row.locator('[data-stage="http"]')).toHaveAttribute('data-status', 'running');
    await expect(row.getByText('Testing…')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Test Silent server', exact: true })).toBeDisabled();
    await page.screenshot({ path: testInfo.outputPath('reattached.png'), fullPage: true });

    // Events after the reload reach the new page: the stage times out and the verdict arrives,
    // with a fix that fits a server that accepts the connection and never answers.
    await expect(row.locator('[data-stage="http"]')).toHaveAttribute('data-status', 'fail', { timeout: 30_000 });
    await page.getByRole('button', { name: 'Details of Silent server' }).click();
    const details = page.getByRole('dialog', { name: 'Test results for Silent server' });
    await expect(details.getByText('Failed at HTTP')).toBeVisible();
    await expect(details.getByTestId('stage-fix')).toContainText('The server accepted the connection but sent no HTTP answer in time');
    await expect(details.getByTestId('stage-fix')).not.toContainText('An unexpected error stopped this check');
    const jobs = (await (
      await page.request.post(`${app.origin}/api/rpc/jobs:list`, {
        data: { payload: { kind: 'connections:test' } },
        headers: { Authorization: `Bearer ${app.session}` },
      })
    ).json()) as { result: Array<{ state: string }> };
    expect(jobs.result.map((j) => j.state)).toEqual(['succeeded']);
  } finally {
    await silent.close();
  }
});
