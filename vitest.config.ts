import { defineConfig } from 'vitest/config';

// One root test run: unit specs need nothing; integration and end-to-end specs share one
// PostgreSQL and one Kafka broker started once by the global setup. Two cores: two workers.
const sourceConditions = ['@mpp/source'];

export default defineConfig({
  resolve: { conditions: sourceConditions },
  ssr: { resolve: { conditions: sourceConditions, externalConditions: sourceConditions } },
  test: {
    maxWorkers: 2,
    testTimeout: 300_000,
    hookTimeout: 180_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['{packages,services,scripts,web}/**/*.unit.test.ts', 'test/**/*.unit.test.ts'],
          exclude: ['**/node_modules/**', '**/dist/**'],
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['{packages,services,scripts}/**/*.{int,e2e}.test.ts', 'test/**/*.{int,e2e}.test.ts'],
          // The fault suite (issue 13, unfinished) kills processes and stops a broker under load: on
          // 2 cores it starves the timing-sensitive tests running beside it, so it runs alone with
          // `npm run chaos` (MPP_CHAOS=1) until it gets its own sequential step in the test command.
          exclude: ['**/node_modules/**', '**/dist/**', ...(process.env.MPP_CHAOS === '1' ? [] : ['test/chaos/**'])],
          globalSetup: ['packages/testing/src/global-setup.ts'],
        },
      },
    ],
  },
});
