#!/usr/bin/env node
// `npm start`: builds, then opens the desktop app. Where no Electron binary can be had (headless
// hosts, machines without access to Electron's downloads), it serves the same UI on 127.0.0.1
// instead and prints the URL — with the demo environment when nothing is configured yet.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const electronVite = join(dirname(require.resolve('electron-vite/package.json')), 'bin', 'electron-vite.js');
// ENGINE_CONSOLE_SKIP_BUILD=1 reuses the last build (quick restarts, the start-up test).
if (process.env.ENGINE_CONSOLE_SKIP_BUILD !== '1') {
  const build = spawnSync(process.execPath, [electronVite, 'build'], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

function electronBinary() {
  try {
    const dir = join(require.resolve('electron/package.json'), '..');
    const pathFile = join(dir, 'path.txt');
    if (!existsSync(pathFile)) return null;
    const bin = join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
    return existsSync(bin) ? bin : null;
  } catch {
    return null;
  }
}

const bin = process.env.ELECTRON_PATH ?? electronBinary();
if (bin) {
  const child = spawn(bin, ['.'], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  console.log('No Electron binary is installed here; serving the console in the browser instead.');
  const args = ['bin/engine-console.mjs', 'serve', '--demo-if-empty', ...process.argv.slice(2)];
  const child = spawn(process.execPath, args, { stdio: 'inherit' });
  process.on('SIGINT', () => child.kill('SIGINT'));
  child.on('exit', (code) => process.exit(code ?? 0));
}
