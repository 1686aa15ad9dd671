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
          // The fault suite runs in its own step of the test command (the `chaos` project below).
          exclude: ['**/node_modules/**', '**/dist/**', 'test/chaos/**'],
          globalSetup: ['packages/testing/src/global-setup.ts'],
        },
      },
      // The fault suite (test/chaos): it kills processes and stops its own PostgreSQL and broker
      // while loading both cores, which the timing-sensitive tests of the main run must not feel,
      // so it exists only when MPP_CHAOS=1 and runs alone (`npm run chaos`, and a step of `npm test`
      // after the main run). Everything it uses is private: no global setup.
      ...(process.env.MPP_CHAOS === '1'
        ? [{ extends: true as const, test: { name: 'chaos', include: ['test/chaos/**/*.e2e.test.ts'], exclude: ['**/node_modules/**', '**/dist/**'], maxWorkers: 1 } }]
        : []),
    ],
  },
});
