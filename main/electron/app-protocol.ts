import { protocol } from 'electron';
import { readFile } from 'node:fs/promises';
import { contentTypeOf } from '../serve/static';
import { APP_SCHEME, resolveAppPath } from '../security/app-origin';
import { SECURITY_HEADERS } from '../security/csp';

/**
 * Registers `app:` as a standard, secure scheme. Must run before the app is ready. Standard
 * gives it real origins (so `'self'` in the CSP, storage and same-origin checks mean the app
 * alone, where every file:// page shares one origin); secure makes it a secure context.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true } },
  ]);
}

/**
 * Serves the built renderer under `app://engine-console/` from `root` (`out/renderer`), with
 * the same security headers as serve mode. Paths that would leave `root` are refused
 * (`resolveAppPath`); nothing else on disk is reachable through the scheme.
 */
export function serveAppScheme(root: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const target = resolveAppPath(root, request.url);
    if ('status' in target) return new Response(null, { status: target.status, headers: SECURITY_HEADERS });
    try {
      const body = await readFile(target.file);
      return new Response(body, { status: 200, headers: { ...SECURITY_HEADERS, 'Content-Type': contentTypeOf(target.file) } });
    } catch {
      return new Response(null, { status: 404, headers: SECURITY_HEADERS });
    }
  });
}
