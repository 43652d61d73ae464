import { describe, expect, it, vi } from 'vitest';

// `electron` is not installed as a binary here; the rules are exercised against recorders.
const opened: string[] = [];
const sessionHandlers: Record<string, unknown> = {};
vi.mock('electron', () => ({
  shell: { openExternal: (url: string) => (opened.push(url), Promise.resolve()) },
  session: {
    defaultSession: {
      setPermissionRequestHandler: (fn: unknown) => (sessionHandlers.request = fn),
      setPermissionCheckHandler: (fn: unknown) => (sessionHandlers.check = fn),
      setDevicePermissionHandler: (fn: unknown) => (sessionHandlers.device = fn),
      webRequest: { onHeadersReceived: (fn: unknown) => (sessionHandlers.headers = fn) },
    },
  },
}));
const { hardenSession, hardenWebContents, isAllowedExternal, isAppUrl } = await import('../../../main/electron/security');
const { CONTENT_SECURITY_POLICY } = await import('../../../main/security/csp');

type Listener = (event: { preventDefault: () => void }, url: string) => void;

function fakeContents() {
  const listeners = new Map<string, Listener>();
  let windowOpen: ((d: { url: string }) => { action: string }) | undefined;
  return {
    contents: {
      on: (name: string, fn: Listener) => listeners.set(name, fn),
      setWindowOpenHandler: (fn: typeof windowOpen) => (windowOpen = fn),
    },
    /** Fires an event; true when the app prevented it. */
    fire(name: string, url: string): boolean {
      let prevented = false;
      listeners.get(name)?.({ preventDefault: () => (prevented = true) }, url);
      return prevented;
    },
    open: (url: string) => windowOpen!({ url }).action,
  };
}

describe('Electron security rules', () => {
  it('recognises the app origin and allow-listed https links only', () => {
    expect(isAppUrl('app://engine-console/index.html#/logs', 'app://engine-console')).toBe(true);
    expect(isAppUrl('file:///app/out/renderer/index.html#/logs', 'app://engine-console')).toBe(false);
    expect(isAppUrl('https://evil.example/', 'app://engine-console')).toBe(false);
    expect(isAppUrl('http://localhost:5173/#/', 'http://localhost:5173')).toBe(true);
    expect(isAppUrl('http://localhost:5174/', 'http://localhost:5173')).toBe(false);
    expect(isAllowedExternal('https://docs.delinea.com/x', ['docs.delinea.com'])).toBe(true);
    expect(isAllowedExternal('http://docs.delinea.com/x', ['docs.delinea.com'])).toBe(false);
    expect(isAllowedExternal('https://docs.delinea.com.evil.example/', ['docs.delinea.com'])).toBe(false);
    expect(isAllowedExternal('javascript:alert(1)', ['docs.delinea.com'])).toBe(false);
  });

  it('denies navigation and new windows away from the app, opening allow-listed links in the browser', () => {
    const f = fakeContents();
    hardenWebContents(f.contents as never, 'app://engine-console', () => ['docs.delinea.com']);
    expect(f.fire('will-navigate', 'app://engine-console/index.html#/fleet')).toBe(false);
    expect(f.fire('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(f.fire('will-navigate', 'https://evil.example/phish')).toBe(true);
    expect(f.fire('will-navigate', 'https://docs.delinea.com/page')).toBe(true);
    expect(f.fire('will-redirect', 'https://evil.example/')).toBe(true);
    expect(f.fire('will-attach-webview', 'about:blank')).toBe(true);
    expect(f.open('https://docs.delinea.com/other')).toBe('deny');
    expect(f.open('https://evil.example/')).toBe('deny');
    expect(opened).toEqual(['https://docs.delinea.com/page', 'https://docs.delinea.com/other']);
  });

  it('denies every permission and sends the CSP on every response', () => {
    hardenSession();
    let granted: boolean | undefined;
    (sessionHandlers.request as (wc: unknown, p: string, cb: (ok: boolean) => void) => void)({}, 'media', (ok) => (granted = ok));
    expect(granted).toBe(false);
    expect((sessionHandlers.check as () => boolean)()).toBe(false);
    let headers: Record<string, string[]> = {};
    (sessionHandlers.headers as (d: unknown, cb: (r: { responseHeaders: Record<string, string[]> }) => void) => void)(
      { responseHeaders: { 'Content-Type': ['text/html'] } },
      (r) => (headers = r.responseHeaders),
    );
    expect(headers['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY]);
    expect(headers['Content-Type']).toEqual(['text/html']);
  });
});
