#!/usr/bin/env node
// Entry of the `engine-console` command: runs the built command line in plain Node.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const cli = fileURLToPath(new URL('../out/main/cli.js', import.meta.url));
if (!existsSync(cli)) {
  process.stderr.write('engine-console is not built yet: run `npm run build` first.\n');
  process.exit(1);
}
const { main } = await import(pathToFileURL(cli).href);
await main();
