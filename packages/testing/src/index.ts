export { freePort, waitFor } from './ports.js';
export { sharedPostgres, startEmbeddedPostgres, createDatabase, withDatabase, type Postgres, type TestDatabase, type EmbeddedPostgresOptions } from './postgres.js';
export * from './kafka/index.js';
