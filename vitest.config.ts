import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/integration/**/*.test.ts', 'app/**/*.test.ts'],
    setupFiles: ['tests/setup/setup-test-env.ts'],
    // Migrate and seed once per run; each file opens a copy (tests/setup/database.ts).
    globalSetup: ['tests/setup/global-database.ts'],
    pool: 'forks',
    // The files of a worker share its loaded modules (the app, the build): importing them once per
    // worker rather than once per file halves the suite's time. Each file still has its own
    // database and services; no test replaces a module (spies on a module's functions are restored).
    isolate: false,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Each file gets its own database; two files at once fit the machine's two cores.
    maxWorkers: 2,
    minWorkers: 1,
    // CI also writes a JSON report, summed up at the end of .ci/run.
    reporters: process.env.CI ? ['default', 'json'] : ['default'],
    outputFile: { json: `test-results/${process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite'}.json` },
  },
});
