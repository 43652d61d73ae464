/** Keys of the assets `scripts/dist-exe.mjs` puts into engine-console.exe (sea-config.json `assets`). */
export const EXE_ASSETS = {
  /** The CommonJS bundle of main/logs/search-worker.ts. */
  searchWorker: 'search-worker.cjs',
  /** JSON array of the renderer's files, `/`-separated paths below out/renderer. */
  rendererManifest: 'renderer-manifest.json',
  /** Prefix of each renderer file's key: `renderer/assets/index-abc.js`. */
  rendererPrefix: 'renderer/',
} as const;
