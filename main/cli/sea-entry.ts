import { getAsset, isSea } from 'node:sea';
import { main } from './index';
import { setSearchWorkerEntry } from '../logs/search-pool';
import { memorySource, setEmbeddedRenderer } from '../serve/static';
import { EXE_ASSETS } from './sea-assets';

/**
 * Entry of `engine-console.exe`, a Node.js single executable application (SEA). It has no files
 * beside it, so before the command line runs: the search worker starts from the bundle carried
 * as an asset (`new Worker(code, { eval: true })`) and serve mode sends the renderer from the
 * assets, held in memory. Outside a SEA (the bundle run by plain Node in a test) it falls back to
 * the files named by `ENGINE_CONSOLE_SEA_ASSETS`, laid out like the assets.
 */
export async function seaMain(): Promise<void> {
  const asset = assetReader();
  setSearchWorkerEntry({ code: asset(EXE_ASSETS.searchWorker).toString('utf8') });
  const manifest = JSON.parse(asset(EXE_ASSETS.rendererManifest).toString('utf8')) as string[];
  const files = new Map<string, Uint8Array>(manifest.map((rel) => [rel, asset(`${EXE_ASSETS.rendererPrefix}${rel}`)]));
  setEmbeddedRenderer(memorySource(files));
  await main();
}

function assetReader(): (key: string) => Buffer {
  if (isSea()) return (key) => Buffer.from(getAsset(key));
  throw new Error('engine-console: this bundle runs only as engine-console.exe (a Node.js single executable).');
}

void seaMain();
