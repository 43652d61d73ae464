import { spawnSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const HOOK = fileURLToPath(new URL('../../support/csv-header-last.mjs', import.meta.url));

describe('npm run security', () => {
  // electronegativity writes its CSV header and rows with two concurrent writes; the hook forces
  // the order that lost the rows (header last), which the step must not depend on.
  it('reports the findings whatever order electronegativity writes its files in', () => {
    const run = spawnSync(process.execPath, ['scripts/electronegativity.mjs'], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, NODE_OPTIONS: `--import ${pathToFileURL(HOOK).href}` },
      timeout: 120_000,
    });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/PRELOAD_JS_CHECK\s+main\/electron\/window\.ts:\d+:\d+\s+explained in SECURITY\.md/);
    expect(run.stdout).toMatch(/: [1-9]\d* finding\(s\), 0 HIGH/);
  }, 120_000);
});
