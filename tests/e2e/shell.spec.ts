import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect } from './fixtures';
import { startServe } from './serve-process';

/** Sends a raw request so the Host header can be forged (fetch does not allow it). */
function rawGet(port: number, path: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, method: 'GET', headers }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

test('the shell renders every screen of the navigation and the About page shows versions', async ({ page, app }, testInfo) => {
  const nav = page.getByRole('navigation', { name: 'Screens' });
  for (const label of ['Overview', 'Connections', 'Pipeline activity', 'Logs', 'Setup', 'Vault sync', 'Fleet', 'About']) {
    await expect(nav.getByRole('link', { name: label })).toBeVisible();
  }
  await nav.getByRole('link', { name: 'About' }).click();
  await expect(page.getByRole('heading', { name: 'About Engine Console' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Versions' })).toContainText('Serve mode');
  await expect(page.getByRole('table', { name: 'Versions' })).toContainText(app.dataDir);
  await page.screenshot({ path: testInfo.outputPath('shell-about.png'), fullPage: true });
  // The token left the address bar once it was exchanged for the tab's session.
  expect(page.url()).not.toContain('token=');
});

test('the theme choice is saved in main and survives a reload', async ({ page, app }) => {
  expect(app.port).toBeGreaterThan(0);
  await page.getByRole('button', { name: 'Dark theme' }).click();
  await expect(page.getByRole('button', { name: 'Dark theme' })).toHaveAttribute('aria-pressed', 'true');
  await page.reload();
  await expect(page.getByRole('button', { name: 'Dark theme' })).toHaveAttribute('aria-pressed', 'true');
  const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(bg).toBe('rgb(18, 18, 18)');
});

test('API requests without the tab session are refused with 401, the used token included', async ({ app, playwright }) => {
  const anon = await playwright.request.newContext();
  expect((await anon.get(`${app.origin}/api/channels`)).status()).toBe(401);
  expect((await anon.post(`${app.origin}/api/rpc/app:info`, { data: { payload: {} } })).status()).toBe(401);
  expect((await anon.get(`${app.origin}/?token=not-the-token`)).status()).toBe(401);
  const withToken = await playwright.request.newContext({ extraHTTPHeaders: { Authorization: `Bearer ${app.token}` } });
  expect((await withToken.post(`${app.origin}/api/rpc/app:info`, { data: { payload: {} } })).status()).toBe(401);
  const authed = await playwright.request.newContext({ extraHTTPHeaders: { Authorization: `Bearer ${app.session}` } });
  const res = await authed.post(`${app.origin}/api/rpc/app:info`, { data: { payload: {} } });
  expect(res.status()).toBe(200);
  expect(await res.json()).toMatchObject({ ok: true, result: { mode: 'serve' } });
  await anon.dispose();
  await withToken.dispose();
  await authed.dispose();
});

test('the printed link signs in one tab, once; a reload keeps that tab signed in; no cookie is set', async ({ app, page, browser }) => {
  expect(await page.context().cookies()).toEqual([]);
  const other = await browser.newContext();
  const second = await other.newPage();
  const again = await second.goto(app.url);
  expect(again?.status()).toBe(401);
  expect(await second.textContent('body')).toContain('already used');
  await other.close();

  await page.reload();
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('link', { name: 'About' }).click();
  await expect(page.getByRole('table', { name: 'Versions' })).toContainText(app.dataDir);
  expect(await page.context().cookies()).toEqual([]);
});

test('another server on 127.0.0.1 never receives the console credential', async ({ app, page }) => {
  const seen: Array<Record<string, string | string[] | undefined>> = [];
  const other = createServer((req, res) => {
    seen.push(req.headers);
    res.writeHead(200, { 'Content-Type': 'text/html' }).end('<!doctype html><title>other</title>');
  });
  await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', () => resolve()));
  try {
    const otherUrl = `http://127.0.0.1:${(other.address() as AddressInfo).port}/`;
    expect(await page.evaluate(() => window.sessionStorage.getItem('ec-session'))).toBe(app.session);
    // The same browser opens it (the page itself may not reach it: connect-src 'self').
    const tab = await page.context().newPage();
    await tab.goto(otherUrl);
    await tab.close();
    expect(seen.length).toBeGreaterThanOrEqual(1);
    for (const headers of seen) {
      expect(headers.cookie).toBeUndefined();
      expect(headers.authorization).toBeUndefined();
      expect(JSON.stringify(headers)).not.toContain(app.session);
    }
  } finally {
    await new Promise((r) => other.close(r));
  }
});

test('a request with a foreign Host header is refused (DNS rebinding)', async ({ app }) => {
  const auth = { Authorization: `Bearer ${app.session}` };
  expect(await rawGet(app.port, '/api/channels', { ...auth, Host: `evil.example:${app.port}` })).toBe(403);
  expect(await rawGet(app.port, '/api/channels', { ...auth, Host: `127.0.0.1:${app.port + 1}` })).toBe(403);
  expect(await rawGet(app.port, '/api/channels', { ...auth, Host: `127.0.0.1:${app.port}` })).toBe(200);
});

test('the server listens on 127.0.0.1 only', async ({ app }) => {
  const { networkInterfaces } = await import('node:os');
  const external = Object.values(networkInterfaces())
    .flat()
    .filter((i) => i && i.family === 'IPv4' && !i.internal)
    .map((i) => i!.address);
  for (const addr of external) {
    const refused = await new Promise<boolean>((resolve) => {
      const req = httpRequest({ host: addr, port: app.port, path: '/', timeout: 3000 }, (res) => {
        res.resume();
        resolve(false);
      });
      req.on('error', () => resolve(true));
      req.on('timeout', () => {
        req.destroy();
        resolve(true);
      });
      req.end();
    });
    expect(refused, `reachable on ${addr}`).toBe(true);
  }
  // And the loopback interface answers, so the check above is not vacuous.
  expect(await rawGet(app.port, '/api/channels', { Authorization: `Bearer ${app.session}`, Host: `127.0.0.1:${app.port}` })).toBe(200);
});

test('the page runs under the strict Content-Security-Policy', async ({ page, app }) => {
  const res = await page.request.get(`${app.origin}/`);
  expect(res.headers()['content-security-policy']).toContain("script-src 'self'");
  // An inline script injected into the page must be refused by the policy.
  const blocked = await page.evaluate(
    () =>
      new Promise<boolean>((resolve) => {
        document.addEventListener('securitypolicyviolation', () => resolve(true), { once: true });
        const el = document.createElement('script');
        el.textContent = 'window.__inlineRan = true';
        document.head.appendChild(el);
        setTimeout(() => resolve(!(window as unknown as { __inlineRan?: boolean }).__inlineRan), 2000);
      }),
  );
  expect(blocked).toBe(true);
});

test('a corrupt settings file is backed up, defaults are used and the user is told', async ({ page }) => {
  const server = await startServe({ prepare: (dir) => writeFileSync(join(dir, 'settings.json'), '{"theme": "dark",,, oops') });
  try {
    await page.goto(server.url);
    await expect(page.getByRole('status')).toContainText('Settings file was unreadable');
    expect(readdirSync(server.dataDir).some((f) => f.startsWith('settings.json.corrupt-'))).toBe(true);
    await page.getByRole('status').getByRole('button', { name: 'Close' }).click();
    await expect(page.getByText('Settings file was unreadable')).toBeHidden();
    // Dismissed in main too: a reload does not bring it back.
    await page.reload();
    await expect(page.getByRole('navigation', { name: 'Screens' })).toBeVisible();
    await expect(page.getByText('Settings file was unreadable')).toBeHidden();
  } finally {
    await server.stop();
  }
});
