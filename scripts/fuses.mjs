#!/usr/bin/env node
// Flips Electron's fuses in a packaged Engine Console binary:
//   node scripts/fuses.mjs <path to the packaged Electron executable, or the .app on macOS>
// Fuses are bits in the binary, read before any JavaScript runs, so they cannot be undone by a
// script or a command-line switch. There is no packager configuration yet; whichever packager
// is added runs this on its output (before signing on macOS and Windows).
//
// Not set here, and why:
// - EnableEmbeddedAsarIntegrityValidation and OnlyLoadAppFromAsar need the app packed into an
//   app.asar with its integrity recorded by the packager; turned on without that, the app would
//   not start. Set them when the packager is added.
// - The development binary in node_modules is never fused: Playwright's _electron (the smoke
//   test) attaches through --inspect, which EnableNodeCliInspectArguments=false removes.
import { flipFuses, getCurrentFuseWire, FuseV1Options, FuseVersion } from '@electron/fuses';
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

/** The fuse settings of a packaged build. */
export const FUSES = Object.freeze({
  version: FuseVersion.V1,
  // ELECTRON_RUN_AS_NODE would turn the signed app into a general Node.js interpreter.
  [FuseV1Options.RunAsNode]: false,
  // Cookies and the network cache encrypted with the OS keychain key.
  [FuseV1Options.EnableCookieEncryption]: true,
  // NODE_OPTIONS could preload arbitrary code into the main process.
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  // --inspect and friends would let another local process drive the main process.
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,
  // The renderer is served from app://, so file:// pages need no extra privileges.
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
});

/** Flips the fuses of one binary and returns the wire as read back (fuse index → state byte). */
export async function applyFuses(binary) {
  if (!binary || !existsSync(binary)) throw new Error(`No Electron binary at ${binary ?? '(none given)'}: pass the packaged executable.`);
  await flipFuses(binary, { ...FUSES, resetAdHocDarwinSignature: binary.includes('.app') && process.arch === 'arm64' });
  return getCurrentFuseWire(binary);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  applyFuses(process.argv[2]).then(
    (wire) => {
      const names = Object.entries(FuseV1Options).filter(([, v]) => typeof v === 'number');
      for (const [name, i] of names) console.log(`${name}: ${wire[i] === 49 ? 'on' : wire[i] === 48 ? 'off' : 'unchanged'}`);
    },
    (err) => {
      console.error(err instanceof Error ? err.message : String(err));
      process.exit(1);
    },
  );
}
