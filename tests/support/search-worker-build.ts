import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'rolldown';

/** Where the test run's build of the search worker goes (one per run, shared by every test file). */
// From the project root (vitest's working folder): jsdom test files see a non-file import.meta.url.
export const TEST_SEARCH_WORKER = join(process.cwd(), '.tmp', 'vitest', 'search-worker.mjs');

/**
 * Vitest global setup. Worker threads run plain Node, which cannot load the TypeScript
 * source, so the worker entry is bundled once per run the way `npm run build` bundles it for
 * the application (out/main/search-worker.js); `search-worker-setup.ts` points the pool at it.
 */
export default async function setup(): Promise<void> {
  await build({
    input: join(fileURLToPath(new URL('../..', import.meta.url)), 'main/logs/search-worker.ts'),
    platform: 'node',
    logLevel: 'warn',
    output: { file: TEST_SEARCH_WORKER, format: 'esm' },
  });
}
