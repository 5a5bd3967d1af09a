import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/helpers/global-build.ts'],
    environment: 'node',
    // Every test waits on events, never on time: a longer limit only lets a slow machine
    // finish. On two busy cores a two-instance presence test once took past 30 s beside the
    // bench smoke (it takes 4 s alone).
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Integration and browser tests start real servers and a real Chromium: on two cores
    // a few files at a time keeps them from starving each other.
    pool: 'forks',
    maxWorkers: 2,
    reporters: ['default', 'json'],
    outputFile: { json: 'test-results/vitest.json' },
  },
});
