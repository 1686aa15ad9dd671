import { createEventStore, createRelay, type EventStore, type Relay } from '@mpp/eventstore';
import { createKafkaClient } from '@mpp/kafka';
import type { Logger } from '@mpp/telemetry';
import type pg from 'pg';
import { topicOf } from './config.js';
import { kafkaClientOptions, type KafkaSecurity } from './kafka-settings.js';

export interface Eventing {
  readonly store: EventStore;
  readonly relay: Relay | undefined;
}

/**
 * A data-owning service's event store (tables created when missing) and, when Kafka is
 * configured, its outbox relay to `<prefix>mpp.<service>.v1` (the topic is created if the broker lets us).
 */
export async function startEventing(options: {
  name: string;
  db: pg.Pool;
  kafkaBrokers: readonly string[];
  /** KAFKA_SASL_* and KAFKA_TLS*; absent: PLAINTEXT. */
  security?: Partial<KafkaSecurity>;
  topicPrefix?: string;
  log: Logger;
}): Promise<Eventing> {
  const { name, db, kafkaBrokers, log } = options;
  const store = createEventStore({ pool: db, schema: name });
  await store.migrate();
  const connection = kafkaClientOptions({ ...options.security, kafkaBrokers }, `mpp-${name}`);
  if (!connection) return { store, relay: undefined };
  const kafka = createKafkaClient(connection);
  const topic = topicOf(name, options.topicPrefix);
  try {
    await kafka.ensureTopics([{ topic, partitions: 3 }]);
  } catch (error) {
    log.warn({ err: error, topic }, 'could not create the topic; the relay will retry publishing until it exists');
  }
  const relay = createRelay({ store, kafka, topic, source: `/mpp/${name}`, log: log.child({ component: 'relay' }) });
  relay.start();
  return { store, relay };
}
