import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig({
  // The clients' import paths, as vite.config.ts has them, for the web code the tests load.
  resolve: { alias: { '@common': here('./common'), '@lib': here('./web/lib') } },
  test: {
    include: ['server/**/*.test.ts', 'common/**/*.test.ts', 'web/**/*.test.ts', 'tools/**/*.test.ts'],
    globalSetup: ['server/test/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // PGlite is CPU-bound WASM; two cores run two files at a time well, more only thrash.
    maxWorkers: 2,
    pool: 'forks',
  },
});
