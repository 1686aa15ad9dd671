export { freePort, waitFor } from './ports.js';
export { sharedPostgres, createDatabase, withDatabase, type Postgres, type TestDatabase } from './postgres.js';
export { startEmbeddedPostgres, type EmbeddedPostgresOptions } from '@mpp/embedded-postgres';
export * from './kafka/index.js';
export { parseSamples, samplesOf, sampleValue, type Sample } from './prometheus.js';
