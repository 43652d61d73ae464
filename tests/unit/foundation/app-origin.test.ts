import { join, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_ORIGIN, isAppUrl, isTrustedSender, resolveAppPath } from '../../../main/security/app-origin';
import { testRouter } from './helpers';

// Issue 8 item 16, the parts that run without Electron.
const root = join(sep, 'opt', 'engine-console', 'out', 'renderer');

describe('app:// path resolution', () => {
  it.each([
    ['app://engine-console/', join(root, 'index.html')],
    ['app://engine-console/index.html', join(root, 'index.html')],
    ['app://engine-console/index.html#/logs?path=x', join(root, 'index.html')],
    ['app://engine-console/assets/index-abc.js', join(root, 'assets', 'index-abc.js')],
    ['app://engine-console/assets/my%20font.woff2?v=1', join(root, 'assets', 'my font.woff2')],
    // The URL parser folds plain dot segments before they reach the handler, so these stay inside.
    ['app://engine-console/../../etc/passwd', join(root, 'etc', 'passwd')],
    ['app://engine-console/assets/../index.html', join(root, 'index.html')],
  ])('%s → a file under the renderer folder', (url, file) => {
    expect(resolveAppPath(root, url)).toEqual({ file });
  });

  it.each([
    ['app://engine-console/..%2f..%2fetc%2fpasswd', 403],
    ['app://engine-console/%2e%2e%2f%2e%2e%2fetc/passwd', 403],
    ['app://engine-console/assets/..%5c..%5csecrets.json', 403],
    ['app://engine-console/%252e%252e/x', 200],
    ['app://engine-console/index.html%00.png', 403],
    ['app://engine-console/C:%5cWindows%5cwin.ini', 403],
    ['app://engine-console/%E0%A4%A', 400],
    ['app://other-host/index.html', 404],
    ['file:///etc/passwd', 404],
    ['https://engine-console/index.html', 404],
  ])('%s is refused with %i (or stays inside)', (url, status) => {
    const r = resolveAppPath(root, url);
    if (status === 200) {
      expect('file' in r && r.file.startsWith(root + sep)).toBe(true);
    } else {
      expect(r).toEqual({ status });
    }
  });
});

describe('IPC sender check', () => {
  const trusted = new Set([3]);
  it.each([
    [{ id: 3, frameUrl: `${APP_ORIGIN}/index.html#/fleet`, isMainFrame: true }, true],
    [{ id: 4, frameUrl: `${APP_ORIGIN}/index.html`, isMainFrame: true }, false],
    [{ id: 3, frameUrl: 'https://evil.example/', isMainFrame: true }, false],
    [{ id: 3, frameUrl: 'app://other/index.html', isMainFrame: true }, false],
    [{ id: 3, frameUrl: 'app://x@engine-console/index.html', isMainFrame: true }, false],
    [{ id: 3, frameUrl: 'file:///opt/engine-console/out/renderer/index.html', isMainFrame: true }, false],
    [{ id: 3, frameUrl: `${APP_ORIGIN}/index.html`, isMainFrame: false }, false],
    [{ id: 3, frameUrl: null, isMainFrame: true }, false],
  ])('%o → %s', (sender, ok) => {
    expect(isTrustedSender(sender, trusted, APP_ORIGIN)).toBe(ok);
  });

  it('accepts the dev server origin only when that is the app origin', () => {
    expect(isAppUrl('http://localhost:5173/#/', 'http://localhost:5173')).toBe(true);
    expect(isAppUrl('http://localhost:5174/', 'http://localhost:5173')).toBe(false);
    expect(isAppUrl('http://localhost:5173/', APP_ORIGIN)).toBe(false);
  });
});

describe('openExternal allow-list', () => {
  it('cannot be widened from a window: settings:update refuses allowedExternalHosts, naming it', async () => {
    const { router, ctx } = testRouter();
    const before = ctx.settings.get().allowedExternalHosts;
    const env = await router.dispatch('settings:update', { allowedExternalHosts: [...before, 'evil.example'] });
    expect(env).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { field: 'allowedExternalHosts' } } });
    expect(ctx.settings.get().allowedExternalHosts).toEqual(before);
    expect(await router.dispatch('settings:update', { theme: 'dark', allowedExternalHosts: [] })).toMatchObject({ ok: false });
    expect(ctx.settings.get().theme).toBe('system');
    // Main itself (the settings file, tests) can still set it.
    expect(ctx.settings.update({ allowedExternalHosts: ['docs.delinea.com'] }).allowedExternalHosts).toEqual(['docs.delinea.com']);
  });
});
