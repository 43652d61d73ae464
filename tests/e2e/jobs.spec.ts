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

    await page.getByTestId('profile-Silent server').getByRole('button', { name: 'Test connection' }).click();
    const results = page.getByRole('region', { name: 'Test results for Silent server' });
    await expect(results.locator('[data-stage="http"]')).toHaveAttribute('data-status', 'running');

    // The reload drops the request that started the job; the job goes on in main.
    await page.reload();
    const again = page.getByRole('region', { name: 'Test results for Silent server' });
    await expect(again.locator('[data-stage="tcp"]')).toHaveAttribute('data-status', 'pass');
    await expect(again.locator('[data-stage="http"]')).toHaveAttribute('data-status', 'running');
    await expect(page.getByTestId('profile-Silent server').getByRole('button', { name: 'Testing…' })).toBeDisabled();
    await page.screenshot({ path: testInfo.outputPath('reattached.png'), fullPage: true });

    // Events after the reload reach the new page: the stage times out and the verdict arrives.
    await expect(again.locator('[data-stage="http"]')).toHaveAttribute('data-status', 'fail', { timeout: 30_000 });
    await expect(again.getByText('Failed at HTTP')).toBeVisible();
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
