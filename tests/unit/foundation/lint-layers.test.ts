import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
// @ts-expect-error -- plain JavaScript config module without type declarations
import { layerConfigs } from '../../../eslint-layers.js';

const ROOT = path.resolve(import.meta.dirname, '../../..');

/** A small tree shaped like the repository, so the layer rules see main/, renderer/, … */
const FILES: Record<string, string> = {
  'contract/errors.ts': 'export const CODES = ["VALIDATION"];\n',
  'contract/leak.ts': "import { route } from '../main/ipc/router';\nexport const leak = route;\n",
  'main/ipc/router.ts': 'export const route = 1;\n',
  'main/fleet/service.ts': "import { CODES } from '../../contract/errors';\nexport const fleet = CODES;\n",
  'main/fleet/state.ts': 'export const state = 1;\n',
  'main/overview/public-use.ts': "import { fleet } from '../fleet/service';\nexport const summary = fleet;\n",
  'main/overview/internal-use.ts': "import { state } from '../fleet/state';\nexport const peek = state;\n",
  'main/jobs/a.ts': "import { b } from './b';\nexport const a = (): number => b() + 1;\n",
  'main/jobs/b.ts': "import { a } from './a';\nexport const b = (): number => (a.length ? 1 : 0);\n",
  'renderer/src/clean.ts': "import { CODES } from '../../contract/errors';\nexport const codes = CODES;\n",
  'renderer/src/to-main.ts': "import { route } from '../../main/ipc/router';\nexport const r = route;\n",
  'renderer/src/features/logs/filters.ts': 'export const filters = 1;\n',
  'renderer/src/features/fleet/grid.ts': "import { filters } from '../logs/filters';\nexport const grid = filters;\n",
  'simulators/sim/to-main.ts': "import { route } from '../../main/ipc/router';\nexport const s = route;\n",
};

let dir = '';
let results = new Map<string, ESLint.LintResult>();

/** Rule ids reported for one fixture file. */
const rulesOf = (file: string) => (results.get(file)?.messages ?? []).map((m) => m.ruleId ?? m.message);

beforeAll(async () => {
  // Inside the repository tree (its .tmp/ is ignored by git and by the normal lint run).
  mkdirSync(path.join(ROOT, '.tmp'), { recursive: true });
  dir = mkdtempSync(path.join(ROOT, '.tmp', 'lint-layers-'));
  for (const [file, text] of Object.entries(FILES)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  const eslint = new ESLint({
    cwd: dir,
    overrideConfigFile: true,
    overrideConfig: [{ files: ['**/*.ts'], languageOptions: { parser: tseslint.parser } }, ...layerConfigs(dir)],
  });
  const list = await eslint.lintFiles(Object.keys(FILES));
  results = new Map(list.map((r) => [path.relative(dir, r.filePath).split(path.sep).join('/'), r]));
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('lint layers', () => {
  it('reports a renderer → main import', () => {
    expect(rulesOf('renderer/src/to-main.ts')).toEqual(['import-x/no-restricted-paths']);
    expect(results.get('renderer/src/to-main.ts')?.messages[0]?.message).toMatch(/renderer reaches main only through the contract/);
  });

  it('reports a simulators → main import', () => {
    expect(rulesOf('simulators/sim/to-main.ts')).toEqual(['import-x/no-restricted-paths']);
  });

  it('reports an import cycle, on both of its files', () => {
    expect(rulesOf('main/jobs/a.ts')).toEqual(['import-x/no-cycle']);
    expect(rulesOf('main/jobs/b.ts')).toEqual(['import-x/no-cycle']);
  });

  it('reports contract → main, feature → feature, and another area’s internals', () => {
    expect(rulesOf('contract/leak.ts')).toEqual(['import-x/no-restricted-paths']);
    expect(rulesOf('renderer/src/features/fleet/grid.ts')).toEqual(['import-x/no-restricted-paths']);
    expect(rulesOf('main/overview/internal-use.ts')).toEqual(['import-x/no-restricted-paths']);
    expect(results.get('main/overview/internal-use.ts')?.messages[0]?.message).toMatch(/main\/fleet\/ offers .*service\.ts/);
  });

  it('leaves clean files alone: contract imports and another area’s public surface', () => {
    for (const file of ['renderer/src/clean.ts', 'main/overview/public-use.ts', 'main/fleet/service.ts', 'main/ipc/router.ts']) {
      expect(rulesOf(file), file).toEqual([]);
    }
  });

  it('is switched on in the repository’s eslint.config.js for every layer', async () => {
    const eslint = new ESLint({ cwd: ROOT });
    for (const file of ['main/app/handlers.ts', 'renderer/src/App.tsx', 'contract/errors.ts', 'simulators/shared/router.ts']) {
      const config = (await eslint.calculateConfigForFile(path.join(ROOT, file))) as { rules: Record<string, unknown[]> };
      expect(config.rules['import-x/no-restricted-paths']?.[0], file).toBe(2);
      expect(config.rules['import-x/no-cycle']?.[0], file).toBe(2);
    }
  });
});
