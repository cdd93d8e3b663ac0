import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/**/*.test.{ts,tsx}'],
          exclude: ['tests/e2e/**', 'node_modules/**'],
          environment: 'node',
          // Every answer of the server is checked against its route's declared schema.
          env: { TAPLINE_CHECK_ANSWERS: '1' },
          testTimeout: 30_000,
          // Setting up a seeded database (PGlite runs in WebAssembly) can take a minute on a
          // 2-core machine busy with the rest of the suite: a limit, not an expectation.
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.e2e.test.ts'],
          environment: 'node',
          env: { TAPLINE_CHECK_ANSWERS: '1' },
          testTimeout: 90_000,
          hookTimeout: 90_000,
          fileParallelism: false,
          globalSetup: ['tests/e2e/support/global-setup.ts'],
        },
      },
    ],
  },
});
