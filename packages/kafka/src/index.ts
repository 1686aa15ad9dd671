export { createKafkaClient, type KafkaClient } from './client.js';
export type * from './types.js';
