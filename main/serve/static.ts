import { createReadStream, statSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import type { ServerResponse } from 'node:http';

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
};

/** The Content-Type of a built renderer file, by extension (also used by the desktop's app:// handler). */
export function contentTypeOf(file: string): string {
  return TYPES[extname(file)] ?? 'application/octet-stream';
}

/**
 * Serves a file of the built renderer; unknown paths without an extension get index.html
 * (client-side routes). Paths escaping the folder are refused.
 */
export function serveStatic(root: string, urlPath: string, res: ServerResponse, headers: Record<string, string>): void {
  let rel: string;
  try {
    rel = decodeURIComponent(urlPath.split('?')[0] ?? '/');
  } catch {
    res.writeHead(400, headers).end('Bad path');
    return;
  }
  if (rel.endsWith('/')) rel += 'index.html';
  const full = normalize(join(root, rel));
  if (!full.startsWith(normalize(root + sep)) && full !== normalize(root)) {
    res.writeHead(403, headers).end('Forbidden');
    return;
  }
  let file = full;
  let st = safeStat(file);
  if (!st?.isFile()) {
    if (extname(rel)) {
      res.writeHead(404, { ...headers, 'Content-Type': 'text/plain' }).end('Not found');
      return;
    }
    file = join(root, 'index.html');
    st = safeStat(file);
    if (!st?.isFile()) {
      res.writeHead(503, { ...headers, 'Content-Type': 'text/plain' }).end('The renderer is not built: run `npm run build`.');
      return;
    }
  }
  const type = contentTypeOf(file);
  res.writeHead(200, {
    ...headers,
    'Content-Type': type,
    'Content-Length': String(st.size),
    'Cache-Control': extname(file) === '.html' ? 'no-store' : 'private, max-age=3600',
  });
  createReadStream(file).pipe(res);
}

function safeStat(path: string) {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}
