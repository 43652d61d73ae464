import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

// Main: the Electron entry, the plain-Node command line and the search worker share one build (out/main).
// Preload: one CommonJS file, as the sandbox requires. Renderer: React + MUI.
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      externalizeDeps: true,
      rolldownOptions: {
        input: {
          index: resolve(__dirname, 'main/electron/index.ts'),
          cli: resolve(__dirname, 'main/cli/index.ts'),
          // Whole-file search runs on worker threads started from out/main/search-worker.js.
          'search-worker': resolve(__dirname, 'main/logs/search-worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rolldownOptions: {
        input: { index: resolve(__dirname, 'preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'renderer'),
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      rolldownOptions: { input: { index: resolve(__dirname, 'renderer/index.html') } },
      chunkSizeWarningLimit: 4000,
    },
    plugins: [react()],
  },
});
