import tseslint from 'typescript-eslint';
import vue from 'eslint-plugin-vue';
import vueParser from 'vue-eslint-parser';
import queriesInRepositories from './tools/eslint/queries-in-repositories.js';
import scopeInOnePlace from './tools/eslint/scope-in-one-place.js';
import domainBoundaries from './tools/eslint/domain-boundaries.js';

/**
 * The boundaries of ../shared/ARCHITECTURE.md as rules a machine checks (docs/decisions/011):
 * SQL only in repositories, region scope only in the scope module, domains only through their
 * index.ts. `npm run lint` (tools/eslint/lint.mjs) also holds the list of files written before
 * these rules, which may only shrink.
 */
const civicgrid = {
  rules: { 'queries-in-repositories': queriesInRepositories, 'scope-in-one-place': scopeInOnePlace, 'domain-boundaries': domainBoundaries },
};

/** Where SQL belongs: repositories, the database platform, the seed data, benchmarks, tests. */
const SQL_HOMES = ['**/*.repository.ts', 'server/platform/db/**', 'server/seed/**', 'bench/**', '**/*.test.ts', 'server/test/**', 'e2e/**'];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'e2e/artifacts/**', '**/*.d.ts'] },
  {
    files: ['**/*.ts', '**/*.js', '**/*.mjs'],
    extends: [tseslint.configs.recommended],
    plugins: { civicgrid },
    rules: {
      'civicgrid/domain-boundaries': 'error',
      'civicgrid/queries-in-repositories': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', caughtErrors: 'none' },
      ],
    },
  },
  {
    files: ['**/*.vue'],
    extends: [...vue.configs['flat/essential']],
    languageOptions: {
      parser: vueParser,
      parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.vue'], sourceType: 'module', vueFeatures: { filter: false } },
    },
    plugins: { civicgrid },
    rules: { 'civicgrid/domain-boundaries': 'error' },
  },
  // Region paths are a server matter; a '…%' in the clients is a percentage.
  {
    files: ['server/**/*.ts'],
    ignores: ['server/platform/scope.ts', '**/*.test.ts', 'server/test/**'],
    rules: { 'civicgrid/scope-in-one-place': 'error' },
  },
  { files: SQL_HOMES, rules: { 'civicgrid/queries-in-repositories': 'off' } },
  // Tests, benchmarks and end-to-end specs reach into a domain to build and measure it.
  {
    files: ['**/*.test.ts', 'server/test/**', 'bench/**', 'e2e/**', 'tools/sql-snapshot/**'],
    rules: { 'civicgrid/domain-boundaries': 'off' },
  },
);
