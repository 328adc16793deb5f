import { defineConfig } from 'vitest/config';

/** End-to-end specs: a real server on a free port with a fresh demo county, driven in Chromium. */
export default defineConfig({
  test: {
    include: ['e2e/**/*.spec.ts'],
    globalSetup: ['e2e/support/server.ts'],
    testTimeout: 90_000,
    hookTimeout: 180_000,
    fileParallelism: false,
    pool: 'forks',
  },
});
