import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { layerConfigs } from './eslint-layers.js';

const noElectron = {
  paths: [{ name: 'electron', message: 'Only main/electron/ and preload/ may import electron: keep this module runnable in plain Node.' }],
};

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'coverage/**', '.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...layerConfigs(import.meta.dirname),
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': ['error', noElectron],
      'no-restricted-syntax': [
        'error',
        { selector: "MemberExpression[property.name='sendSync']", message: 'No sendSync: use the async contract.' },
      ],
    },
  },
  {
    // The IPC wrappers: the only places that may touch ipcMain / ipcRenderer.
    files: ['main/electron/**/*.ts', 'preload/**/*.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['main/electron/**/*.ts'],
    ignores: ['main/electron/ipc.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'electron', importNames: ['ipcMain', 'ipcRenderer'], message: 'Only main/electron/ipc.ts uses ipcMain.' }] },
      ],
    },
  },
  {
    files: ['contract/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: noElectron.paths,
          patterns: [
            { group: ['node:*', 'fs', 'path', 'os', 'crypto'], message: 'The contract is shared with the renderer: no Node imports.' },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'react-hooks/set-state-in-effect': 'off',
      'no-restricted-imports': [
        'error',
        {
          paths: noElectron.paths,
          patterns: [{ group: ['node:*'], message: 'The renderer runs in the page: no Node imports.' }],
        },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'window', property: 'api', message: 'Use renderer/src/api/client.ts (call/useApiQuery), not window.api.' },
      ],
    },
  },
  {
    files: ['renderer/src/api/client.ts'],
    rules: { 'no-restricted-properties': 'off' },
  },
);
