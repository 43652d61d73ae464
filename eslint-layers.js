/**
 * Layer rules for eslint.config.js: which folder may import which, and no import cycles.
 * Paths are resolved (eslint-plugin-import-x + its Node resolver), so `../../main/x` and
 * `../x/index` are caught the same way. See "Lint enforces the layering" in ARCHITECTURE.md.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import importX, { createNodeResolver } from 'eslint-plugin-import-x';

/**
 * The public surface of each main/<area>/: the only files another area may import. Everything
 * else in the folder (and every subfolder) is internal. An area not listed offers its index.ts
 * only; 'all' marks a folder that exists to be shared.
 */
export const MAIN_PUBLIC = {
  activity: ['export.ts', 'handlers.ts', 'service.ts'],
  app: ['context.ts', 'handlers.ts', 'headless.ts', 'notices.ts', 'services.ts', 'version.ts'],
  aws: ['index.ts'],
  cli: [], // entry point
  connections: ['cache-log-paths.ts', 'clients.ts', 'handlers.ts', 'profiles.ts', 'resolve.ts', 'service.ts'],
  'credentials-cache': ['index.ts'],
  demo: ['controller.ts', 'handlers.ts', 'record.ts', 'start.ts'],
  electron: [], // entry point
  fleet: ['handlers.ts', 'service.ts'],
  http: ['index.ts'],
  ipc: ['errors.ts', 'router.ts'],
  jobs: ['handlers.ts', 'index.ts'],
  logs: ['handlers.ts', 'levels.ts', 'search-pool.ts', 'service.ts', 'source.ts'],
  overview: ['handlers.ts'],
  plans: ['index.ts'],
  'secret-server': ['index.ts'],
  secrets: ['desktop-store.ts', 'encrypted-file.ts', 'secret-store.ts'],
  security: ['app-origin.ts', 'csp.ts'],
  serve: ['server.ts', 'static.ts'],
  settings: ['data-dir.ts', 'data-lock.ts', 'has-connections.ts', 'store.ts'],
  shared: 'all',
};

const SOURCE = '**/*.{ts,tsx,js,mjs}';

const subfolders = (dir) => {
  try {
    return readdirSync(dir, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name);
  } catch {
    return [];
  }
};

const zone = (target, from, message, except) => ({ target, from, message, ...(except ? { except } : {}) });

/** Zones between the processes and between the features, for a repository rooted at `root`. */
export function layerZones(root) {
  const zones = [
    zone('contract', ['main', 'renderer', 'simulators', 'preload'], 'The contract is shared by every side: it imports none of them.'),
    zone('renderer', ['main', 'simulators', 'preload'], 'The renderer reaches main only through the contract (renderer/src/api/).'),
    zone('simulators', ['main', 'renderer'], 'Simulators are doubles of the vendors: they never import the app.'),
  ];
  for (const area of subfolders(path.join(root, 'main'))) {
    const surface = MAIN_PUBLIC[area] ?? ['index.ts'];
    if (surface === 'all') continue;
    const shown = surface.length ? surface.join(', ') : 'nothing (entry point)';
    zones.push(
      zone(
        `main/!(${area})/**`,
        `main/${area}`,
        `main/${area}/ offers ${shown} to other areas; the rest is internal (MAIN_PUBLIC in eslint-layers.js).`,
        surface.map((f) => `./${f}`),
      ),
    );
  }
  for (const feature of subfolders(path.join(root, 'renderer/src/features'))) {
    zones.push(
      zone(
        `renderer/src/features/${feature}/**`,
        'renderer/src/features',
        'Features do not import each other: move shared pieces to renderer/src/components or renderer/src/api.',
        [`./${feature}`],
      ),
    );
  }
  return zones;
}

/** Flat-config entries: import-x resolver settings, the zones and `no-cycle`, for `root`. */
export function layerConfigs(root) {
  return [
    {
      files: [SOURCE],
      plugins: { 'import-x': importX },
      settings: {
        'import-x/extensions': ['.ts', '.tsx', '.js', '.mjs'],
        'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
        'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js', '.mjs', '.json'] })],
      },
      rules: {
        'import-x/no-restricted-paths': ['error', { basePath: root, zones: layerZones(root) }],
        'import-x/no-cycle': ['error', { ignoreExternal: true }],
      },
    },
  ];
}
