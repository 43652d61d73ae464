#!/usr/bin/env node
// Runs @doyensec/electronegativity over the Electron-facing code. A HIGH finding fails; every
// other finding must be explained in SECURITY.md (by its check id), or this fails too.
//
// The tool is called as a library and its findings are read from the returned objects. Its
// CSV writer is not usable: the header and the rows are written by two concurrent
// fs.writeFile calls, so under load the header (opened with 'w') can land after the rows and
// truncate them, or the two interleave. SARIF output has no severity, which this check needs.
import { cpSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';

const require = createRequire(import.meta.url);
const electronVersion = require('electron/package.json').version;
mkdirSync('.tmp', { recursive: true });

// Global checks (navigation limits, permission handler, CSP) look across files, so the
// Electron-facing code is scanned as one tree.
const tree = resolve('.tmp', 'electronegativity-input');
rmSync(tree, { recursive: true, force: true });
for (const part of ['main/electron', 'main/security', 'preload', 'renderer/index.html'])
  cpSync(part, join(tree, part), { recursive: true });

// The package's main export is the runner (babel's add-module-exports makes it the module itself).
const run = require('@doyensec/electronegativity');
let result;
try {
  // electronVersionOverride: the tool cannot fetch Electron release data offline, so it is told the version.
  result = await run({
    input: tree,
    isSarif: false,
    customScan: [],
    excludeFromScan: [],
    isRelative: true,
    isVerbose: false,
    electronVersionOverride: electronVersion,
    parserPlugins: [],
  });
} catch (err) {
  console.error(`electronegativity failed: ${err instanceof Error ? err.stack : String(err)}`);
  process.exit(1);
}
// A file it could not parse was not checked at all, so that fails the step too.
const unparsed = result.errors.filter((e) => !e.tolerable);
for (const e of unparsed) console.error(`electronegativity could not parse ${e.file}: ${e.message}`);
if (unparsed.length) process.exit(1);
const findings = result.issues
  .map((i) => ({
    issue: i.id,
    severity: i.severity.name,
    confidence: i.confidence.name,
    file: i.file,
    location: `${i.location.line}:${i.location.column}`,
  }))
  .sort((a, b) => `${a.severity}${a.issue}${a.file}${a.location}`.localeCompare(`${b.severity}${b.issue}${b.file}${b.location}`));

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
