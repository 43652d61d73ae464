import { test as base, expect } from '@playwright/test';
import { startServe, type ServeProcess } from './serve-process';

/**
 * `app`: a serve-mode process on a temporary data folder, with the page already signed in
 * (the token URL was opened once and became the session cookie).
 * Pass extra command-line flags with `test.use({ serveArgs: ['--demo'] })`.
 */
export const test = base.extend<{ serveArgs: string[]; serveEnv: Record<string, string>; app: ServeProcess }>({
  serveArgs: [[], { option: true }],
  serveEnv: [{}, { option: true }],
  app: async ({ page, serveArgs, serveEnv }, use) => {
    const server = await startServe({ args: serveArgs, env: serveEnv });
    await page.goto(server.url);
    await expect(page.getByRole('navigation', { name: 'Screens' })).toBeVisible();
    await use(server);
    await server.stop();
  },
});

export { expect };
