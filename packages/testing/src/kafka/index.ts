/**
 * A real single-node Apache Kafka broker for tests and local runs.
 *
 * @example
 * import { startKafkaBroker } from './kafka/index.js';
 * const broker = await startKafkaBroker();
 * // new Kafka({ brokers: broker.brokers }) ...
 * await broker.stop();
 */
export { ensureKafkaJars, KAFKA_VERSION } from './jars.js';
export { startKafkaBroker } from './broker.js';
export type { KafkaBroker, KafkaBrokerOptions, ScramUser, BrokerPorts } from './broker.js';
