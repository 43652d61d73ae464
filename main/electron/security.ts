import { shell, session, type WebContents } from 'electron';
import { isAppUrl } from '../security/app-origin';
import { CONTENT_SECURITY_POLICY } from '../security/csp';

/** True when `url` belongs to the app itself (the app:// origin or the dev server). */
export { isAppUrl } from '../security/app-origin';

/** True when `url` is an https link to a host the settings allow to open in the browser. */
export function isAllowedExternal(url: string, allowedHosts: readonly string[]): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' && allowedHosts.includes(u.hostname);
  } catch {
    return false;
  }
}

/**
 * Locks down one window's web contents:
 * #13 Disable or limit navigation, #14 Disable or limit creation of new windows,
 * #12 no <webview> attachment, links allowed by the settings open in the system browser (#15
 * Do not use shell.openExternal with untrusted content: only https on allow-listed hosts).
 */
export function hardenWebContents(contents: WebContents, appOrigin: string, allowedHosts: () => readonly string[]): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url, appOrigin)) {
      event.preventDefault();
      if (isAllowedExternal(url, allowedHosts())) void shell.openExternal(url);
    }
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url, appOrigin)) event.preventDefault();
  });
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternal(url, allowedHosts())) void shell.openExternal(url);
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/**
 * Session-wide rules: #5 Handle session permission requests (deny all), #7 Define a Content
 * Security Policy (sent as a header on every response of the app), and no certificate
 * overrides (TLS verification stays on).
 */
export function hardenSession(): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: {
        ...details.responseHeaders,
        'Content-Security-Policy': [CONTENT_SECURITY_POLICY],
        'X-Content-Type-Options': ['nosniff'],
      },
    });
  });
}
