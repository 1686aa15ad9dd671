export { createKafkaClient, type KafkaClient } from './client.js';
export { KafkaAccessError } from './connection.js';
export type * from './types.js';
