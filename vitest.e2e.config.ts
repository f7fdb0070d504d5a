import { defineConfig } from 'vitest/config';

/** Browser journeys: one production server for the run, Debian's Chromium driven by playwright-core. */
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.ts'],
    globalSetup: ['tests/e2e/global-setup.ts'],
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    reporters: process.env.CI ? ['default', 'json'] : ['default'],
    outputFile: { json: `test-results/e2e${process.env.TEST_DATABASE_URL ? '-postgres' : ''}.json` },
  },
});
