#!/usr/bin/env node
// `npm start`: builds, then opens the desktop app. Where no Electron binary can be had (headless
// hosts, machines without access to Electron's downloads), it serves the same UI on 127.0.0.1
// instead and prints the URL — with the demo environment when nothing but the demo is configured, or
// when the credential store cannot be opened (no passphrase, no terminal; see `serve --help`).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import os from 'node:os';

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

// Stop signals go on to the child, which cleans up (demo simulators, their temporary folder, the
// data-folder lock) and exits; this process then exits with the child's status. In a terminal,
// Ctrl+C reaches both processes; the child copes with the signal arriving twice.
function run(command, args) {
  const child = spawn(command, args, { stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'])
    process.on(signal, () => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    });
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 128 + (os.constants.signals[signal] ?? 0) : 0)));
}

const bin = process.env.ELECTRON_PATH ?? electronBinary();
if (bin) run(bin, ['.']);
else {
  console.log('No Electron binary is installed here; serving the console in the browser instead.');
  run(process.execPath, ['bin/engine-console.mjs', 'serve', '--demo-if-empty', ...process.argv.slice(2)]);
}
