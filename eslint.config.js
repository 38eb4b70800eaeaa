// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { importX } from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import reactHooks from 'eslint-plugin-react-hooks';
import { readdirSync } from 'node:fs';

// Feature folders are leaves: only app/ (routes, layout) wires them together. What two features
// share lives outside features/ (ui/, posts/, settings/…), and shared code never reaches into one.
const CLIENT_SRC = 'client/src';
const FEATURES = readdirSync(`${CLIENT_SRC}/features`, { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name);
const SHARED_CLIENT = readdirSync(CLIENT_SRC).filter(
  (name) => !['features', 'app', 'main.tsx'].includes(name),
);
const featureBoundaries = [
  ...FEATURES.map((name) => ({
    target: `${CLIENT_SRC}/features/${name}`,
    from: `${CLIENT_SRC}/features`,
    except: [`./${name}`],
    message: 'A feature never imports another feature: move what both need out of features/.',
  })),
  {
    target: SHARED_CLIENT.map((name) => `${CLIENT_SRC}/${name}`),
    from: `${CLIENT_SRC}/features`,
    message: 'Code outside features/ never imports a feature: only app/ wires them in.',
  },
];

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      'data/**',
      'server/migrations/**',
      'e2e/.artifacts/**',
      'e2e/bench/.work/**',
      'test-results/**',
      'playwright-report/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['*.js', '*.ts'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [
        createTypeScriptImportResolver({ project: ['*/tsconfig.json'], noWarnOnMultipleProjects: true }),
      ],
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      'import-x/no-cycle': 'error',
      'no-console': ['error', { allow: ['warn', 'error', 'info'] }],
    },
  },
  {
    // The server logs through pino (JSON lines with the request id); a bare console line would
    // escape LOG_LEVEL and the log's format. The admin CLI writes to its terminal with process.stderr.
    files: ['server/src/**/*.ts'],
    ignores: ['server/src/**/*.test.ts'],
    // Options given (not severity alone), or the allow-list above would carry over.
    rules: { 'no-console': ['error', {}] },
  },
  {
    files: ['client/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
    },
  },
  {
    files: ['client/src/**/*.{ts,tsx}'],
    rules: {
      'import-x/no-restricted-paths': ['error', { basePath: import.meta.dirname, zones: featureBoundaries }],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    extends: [tseslint.configs.disableTypeChecked],
  },
);
