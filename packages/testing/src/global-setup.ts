import type { TestProject } from 'vitest/node';
import './provided.js';
import { sharedPostgres, type Postgres } from './postgres.js';
import { startKafkaBroker, type KafkaBroker } from './kafka/index.js';

let postgres: Postgres | undefined;
let broker: KafkaBroker | undefined;

/**
 * Vitest global setup: one shared PostgreSQL and one shared Kafka broker for the whole root test
 * run. `KAFKA_BROKERS` points at an existing broker; otherwise a single-node KRaft broker starts
 * from the Apache Kafka jars (Maven Central, cached in .cache/kafka).
 */
export async function setup(project: TestProject): Promise<void> {
  const log = (m: string) => process.stderr.write(`[test infra] ${m}\n`);
  const [pg, kafka] = await Promise.all([
    sharedPostgres(),
    process.env.KAFKA_BROKERS
      ? Promise.resolve(undefined)
      : startKafkaBroker({ log }),
  ]);
  postgres = pg;
  broker = kafka;
  const brokers = process.env.KAFKA_BROKERS?.split(',').map((s) => s.trim()) ?? kafka?.brokers ?? [];
  log(`PostgreSQL (${pg.source}) and Kafka ${brokers.join(',')}${kafka ? ` (pid ${kafka.pid})` : ' (KAFKA_BROKERS)'} ready`);
  project.provide('databaseUrl', pg.url);
  project.provide('kafkaBrokers', brokers);
}

export async function teardown(): Promise<void> {
  await Promise.allSettled([broker?.stop(), postgres?.stop()]);
}
