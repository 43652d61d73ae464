#!/usr/bin/env node
// Runs @doyensec/electronegativity over the Electron-facing code. A HIGH finding fails; every
// other finding must be explained in SECURITY.md (by its check id), or this fails too.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const electronVersion = require('electron/package.json').version;
const bin = join('node_modules', '.bin', 'electronegativity');
mkdirSync('.tmp', { recursive: true });

// Global checks (navigation limits, permission handler, CSP) look across files, so the
// Electron-facing code is scanned as one tree.
const tree = join('.tmp', 'electronegativity-input');
rmSync(tree, { recursive: true, force: true });
for (const part of ['main/electron', 'main/security', 'preload', 'renderer/index.html'])
  cpSync(part, join(tree, part), { recursive: true });
const out = join('.tmp', 'electronegativity.csv');
// -e: the tool cannot fetch Electron release data offline, so it is told the version.
const run = spawnSync(bin, ['-i', tree, '-e', electronVersion, '-r', '-v', 'false', '-o', out], { encoding: 'utf8', timeout: 120_000 });
if (run.status !== 0) {
  console.error(run.stdout, run.stderr);
  console.error(`electronegativity failed (exit ${run.status})`);
  process.exit(1);
}
const parseCsvLine = (line) =>
  [...line.matchAll(/("(?:[^"]|"")*"|[^,]*)(?:,|$)/g)].map((m) => m[1].replace(/^"|"$/g, '').replace(/""/g, '"'));
const findings = readFileSync(out, 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map(parseCsvLine)
  .map(([issue, severity, confidence, file, location]) => ({ issue, severity, confidence, file, location }));

const security = readFileSync('SECURITY.md', 'utf8');
let failed = false;
for (const f of findings) {
  const explained = security.includes(f.issue);
  const verdict = f.severity === 'HIGH' ? 'FAIL (HIGH)' : explained ? 'explained in SECURITY.md' : 'FAIL (not explained in SECURITY.md)';
  if (f.severity === 'HIGH' || !explained) failed = true;
  console.log(`${f.severity.padEnd(8)} ${f.issue.padEnd(28)} ${f.file}:${f.location}  ${verdict}`);
}
console.log(
  `electronegativity (Electron ${electronVersion}): ${findings.length} finding(s), ${findings.filter((f) => f.severity === 'HIGH').length} HIGH`,
);
process.exit(failed ? 1 : 0);
