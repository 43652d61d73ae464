import { isAbsolute, join, relative } from 'node:path';

/** The custom scheme the desktop serves the built renderer from (registered standard + secure). */
export const APP_SCHEME = 'app';
/** The one host of that scheme; anything else is refused. */
export const APP_HOST = 'engine-console';
/** The renderer's origin in the desktop app: `app://engine-console`. */
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/**
 * True when `url` belongs to the app itself: same scheme and host as `appOrigin` (the app://
 * origin, or the dev server's http origin). `URL.origin` is "null" for custom schemes in Node,
 * so scheme and host are compared instead.
 */
export function isAppUrl(url: string, appOrigin: string): boolean {
  try {
    const u = new URL(url);
    const o = new URL(appOrigin);
    return u.protocol === o.protocol && u.host === o.host && u.username === '' && u.password === '';
  } catch {
    return false;
  }
}

/** What a request to the app:// handler maps to: a file under the renderer folder, or a refusal. */
export type AppPath = { readonly file: string } | { readonly status: 400 | 403 | 404 };

/**
 * Maps an `app://engine-console/<path>` request to a file under `root` (the built renderer).
 * Refused: another scheme or host (404), a path that does not decode (400), and any segment
 * that is `.`/`..` once decoded or hides a separator or NUL (`%2e%2e`, `%2f`, `%5c`, `%00`) —
 * the URL parser folds plain `..` away, so these are the ways left to step out of `root` (403).
 */
export function resolveAppPath(root: string, requestUrl: string): AppPath {
  let u: URL;
  try {
    u = new URL(requestUrl);
  } catch {
    return { status: 400 };
  }
  if (u.protocol !== `${APP_SCHEME}:` || u.host !== APP_HOST) return { status: 404 };
  const segments: string[] = [];
  for (const raw of u.pathname.split('/')) {
    if (raw === '') continue;
    let seg: string;
    try {
      seg = decodeURIComponent(raw);
    } catch {
      return { status: 400 };
    }
    if (seg === '.' || seg === '..' || /[/\\\0]/.test(seg) || /^[a-z]:/i.test(seg)) return { status: 403 };
    segments.push(seg);
  }
  if (segments.length === 0) segments.push('index.html');
  const file = join(root, ...segments);
  const rel = relative(root, file);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return { status: 403 };
  return { file };
}

/** The parts of an IPC sender the trust check reads (Electron's event.sender / event.senderFrame). */
export interface IpcSender {
  /** The webContents id. */
  readonly id: number;
  /** The URL of the frame that sent the message; null when the frame is gone. */
  readonly frameUrl: string | null | undefined;
  /** False for sub-frames (iframes). */
  readonly isMainFrame: boolean;
}

/**
 * An IPC request is served only from a window main created, from its top frame, while that
 * frame shows the app (its URL has the app origin): a window that was navigated elsewhere, or
 * an iframe, gets nothing even though its webContents id is trusted.
 */
export function isTrustedSender(sender: IpcSender, trusted: ReadonlySet<number>, appOrigin: string): boolean {
  return trusted.has(sender.id) && sender.isMainFrame && typeof sender.frameUrl === 'string' && isAppUrl(sender.frameUrl, appOrigin);
}
