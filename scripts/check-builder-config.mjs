#!/usr/bin/env node
// Validates electron-builder.json against electron-builder's own JSON schema (scheme.json of the
// npm package app-builder-lib, the version pinned below). electron-builder itself is not a
// dependency: it downloads Electron, NSIS and its helper binaries at build time, which this
// machine and CI cannot reach. The package is fetched once with `npm pack`, checked against the
// pinned sha512 and cached in node_modules/.cache/engine-console-exe.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const PKG = 'app-builder-lib@26.0.12';
const INTEGRITY = 'sha512-+/CEPH1fVKf6HowBUs6LcAIoRcjeqgvAeoSE+cl7Y7LndyQ9ViGPYibNk7wmhMHzNgHIuIbw4nWADPO+4mjgWw==';
const dir = join(ROOT, 'node_modules', '.cache', 'engine-console-exe', PKG.replace('@', '-'));
const schemaFile = join(dir, 'package', 'scheme.json');

if (!existsSync(schemaFile)) {
  mkdirSync(dir, { recursive: true });
  const [{ filename }] = JSON.parse(
    execFileSync('npm', ['pack', PKG, '--pack-destination', dir, '--json', '--silent'], {
      encoding: 'utf8',
      shell: process.platform === 'win32',
    }),
  );
  const tgz = join(dir, filename);
  const got = `sha512-${createHash('sha512').update(readFileSync(tgz)).digest('base64')}`;
  if (got !== INTEGRITY) throw new Error(`${PKG}: sha512 ${got}, expected ${INTEGRITY}`);
  execFileSync('tar', ['-xzf', tgz, '-C', dir, 'package/scheme.json']);
  rmSync(tgz);
}

const config = JSON.parse(readFileSync(join(ROOT, 'electron-builder.json'), 'utf8'));
delete config.$comment;
const ajv = new Ajv({ allErrors: true, strict: false });
const validate = ajv.compile(JSON.parse(readFileSync(schemaFile, 'utf8')));
const problems = [];
if (!validate(config))
  for (const e of validate.errors ?? [])
    problems.push(
      `electron-builder.json${e.instancePath || ''}: ${e.message}${e.params?.additionalProperty ? ` (${e.params.additionalProperty})` : ''}`,
    );
for (const icon of [config.win?.icon, config.nsis?.installerIcon].filter(Boolean))
  if (!existsSync(join(ROOT, icon))) problems.push(`electron-builder.json: the icon ${icon} is missing`);
if (problems.length) {
  process.stderr.write(`${problems.join('\n')}\n`);
  process.exit(1);
}
process.stdout.write(`electron-builder.json is valid against ${PKG}'s scheme.json.\n`);
