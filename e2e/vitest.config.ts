import { defineConfig } from 'vitest/config';

/** Browser journeys: one real server (with its own PostgreSQL) for the run, one Chromium per file. */
export default defineConfig({
  test: {
    include: ['e2e/**/*.journey.ts'],
    globalSetup: ['e2e/support/global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
