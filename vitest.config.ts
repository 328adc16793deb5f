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
    // Each worker keeps its loaded modules from one test file to the next: loading the server's
    // module graph again for each of ~190 files was about 40 % of the suite's time (decision 041).
    // Every test file still opens its own database, and no test relies on a module's state.
    isolate: false,
  },
});
