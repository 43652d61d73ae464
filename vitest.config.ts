import { defineConfig } from 'vitest/config';

// Unit and integration tests run in plain Node; component tests opt into jsdom with
// `// @vitest-environment jsdom` at the top of the file.
export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.{ts,tsx}', 'tests/integration/**/*.test.{ts,tsx}'],
    globals: false,
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // Search runs on worker threads; they start from a bundle of main/logs/search-worker.ts.
    globalSetup: ['tests/support/search-worker-build.ts'],
    setupFiles: ['tests/support/search-worker-setup.ts', 'tests/support/testing-library-setup.ts'],
  },
});
