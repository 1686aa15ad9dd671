export { createLogConsumer, type LogConsumerOptions } from './log-consumer.js';
export { createKafkaConsumer, DLQ_HEADERS, pruneProcessed, REPLAY_GROUP_HEADER, type KafkaConsumerOptions } from './kafka-consumer.js';
export { listDeadLetters, replayDeadLetters, replayKafkaDeadLetters, readKafkaDeadLetters, replayGroup, countKafkaDeadLetters, requestReplay as requestDeadLetterReplay, type StoredDeadLetter } from './dead-letters.js';
export { fromKafka } from './kafka-event.js';
export { DEFAULT_RETRY, type ConsumedEvent, type Consumer, type ConsumerStatus, type Projection, type RetryPolicy } from './types.js';
export {
  dropVersion,
  liveVersion,
  prepareVersion,
  projectionVersion,
  rebuildProjection,
  refreshVersion,
  switchTo,
  tableNames,
  type ProjectionDefinition,
  type RebuildOptions,
  type RebuildProgress,
  type TableNames,
} from './rebuild.js';
export { upsert } from './upsert.js';
export { RetryLaterError } from './apply.js';
