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

/** One file of a static source: its size and how to send it. */
export interface StaticFile {
  readonly size: number;
  /** Writes the file's bytes to the response and ends it. */
  send(res: ServerResponse): void;
}

/**
 * Where the built renderer's files come from: a folder (`out/renderer`) or memory (the
 * Windows executable carries them as SEA assets). `rel` is a `/`-separated path below the
 * root, already decoded, without a leading slash; a path that leaves the root is never asked.
 */
export interface StaticSource {
  /** What `serveStatic` says when not even index.html exists. */
  readonly missingHint: string;
  file(rel: string): StaticFile | undefined;
}

/** The built renderer in a folder on disk. */
export function folderSource(root: string): StaticSource {
  return {
    missingHint: 'The renderer is not built: run `npm run build`.',
    file(rel) {
      const full = normalize(join(root, rel));
      if (!full.startsWith(normalize(root + sep))) return undefined;
      try {
        const st = statSync(full);
        if (!st.isFile()) return undefined;
        return { size: st.size, send: (res) => void createReadStream(full).pipe(res) };
      } catch {
        return undefined;
      }
    },
  };
}

/** Files held in memory, keyed by their `/`-separated path below the root (e.g. `assets/index.js`). */
export function memorySource(
  files: ReadonlyMap<string, Uint8Array>,
  missingHint = 'The renderer is missing from this build.',
): StaticSource {
  return {
    missingHint,
    file(rel) {
      const body = files.get(rel);
      return body ? { size: body.byteLength, send: (res) => void res.end(body) } : undefined;
    },
  };
}

let embedded: StaticSource | null = null;

/** Makes serve mode use these files instead of `out/renderer` (the Windows executable's entry calls it). */
export function setEmbeddedRenderer(source: StaticSource | null): void {
  embedded = source;
}

/** The renderer files serve mode uses: the embedded ones when set, else the folder `defaultDir()` names. */
export function rendererSource(defaultDir: () => string): StaticSource {
  return embedded ?? folderSource(defaultDir());
}

/**
 * Serves a file of the built renderer; unknown paths without an extension get index.html
 * (client-side routes). Paths escaping the root are refused.
 */
export function serveStatic(source: StaticSource | string, urlPath: string, res: ServerResponse, headers: Record<string, string>): void {
  const files = typeof source === 'string' ? folderSource(source) : source;
  let rel: string;
  try {
    rel = decodeURIComponent(urlPath.split('?')[0] ?? '/');
  } catch {
    res.writeHead(400, headers).end('Bad path');
    return;
  }
  if (rel.endsWith('/')) rel += 'index.html';
  // Resolve `.`/`..` on the URL's own `/` separators, so both sources see the same path.
  const parts: string[] = [];
  for (const part of rel.split(/[/\\]+/)) {
    if (part === '' || part === '.') continue;
    if (part === '..' || part.includes(':') || part.includes('\0')) {
      res.writeHead(403, headers).end('Forbidden');
      return;
    }
    parts.push(part);
  }
  let name = parts.join('/');
  let file = name ? files.file(name) : undefined;
  if (!file) {
    if (extname(name)) {
      res.writeHead(404, { ...headers, 'Content-Type': 'text/plain' }).end('Not found');
      return;
    }
    name = 'index.html';
    file = files.file(name);
    if (!file) {
      res.writeHead(503, { ...headers, 'Content-Type': 'text/plain' }).end(files.missingHint);
      return;
    }
  }
  res.writeHead(200, {
    ...headers,
    'Content-Type': contentTypeOf(name),
    'Content-Length': String(file.size),
    'Cache-Control': extname(name) === '.html' ? 'no-store' : 'private, max-age=3600',
  });
  file.send(res);
}
