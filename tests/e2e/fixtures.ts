import { test as base, expect, type Page } from '@playwright/test';
import { startServe, type ServeProcess } from './serve-process';

/** A serve process whose page is signed in, with that tab's session secret for API calls from the test. */
export interface SignedInServe extends ServeProcess {
  /** The session the page got for the one-time token (sent as `Authorization: Bearer`). */
  readonly session: string;
}

/** Waits until the page has exchanged the printed token for its session and returns the session. */
export async function sessionOf(page: Page): Promise<string> {
  const handle = await page.waitForFunction(() => window.sessionStorage.getItem('ec-session'));
  return (await handle.jsonValue()) as string;
}

/**
 * `app`: a serve-mode process on a temporary data folder, with the page already signed in
 * (the token URL was opened once and exchanged for the tab's session).
 * Pass extra command-line flags with `test.use({ serveArgs: ['--demo'] })`.
 */
export const test = base.extend<{ serveArgs: string[]; serveEnv: Record<string, string>; app: SignedInServe }>({
  serveArgs: [[], { option: true }],
  serveEnv: [{}, { option: true }],
  app: async ({ page, serveArgs, serveEnv }, use) => {
    const server = await startServe({ args: serveArgs, env: serveEnv });
    await page.goto(server.url);
    await expect(page.getByRole('navigation', { name: 'Screens' })).toBeVisible();
    await use({ ...server, session: await sessionOf(page) });
    await server.stop();
  },
});

export { expect };
