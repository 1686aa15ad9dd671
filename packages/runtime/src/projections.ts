import {
  createKafkaConsumer,
  createLogConsumer,
  dropVersion,
  liveVersion,
  prepareVersion,
  refreshVersion,
  projectionVersion,
  switchTo,
  type Consumer,
  type Projection,
  type ProjectionDefinition,
} from '@mpp/eventstore';
import { createKafkaClient, type KafkaClient } from '@mpp/kafka';
import type { Logger } from '@mpp/telemetry';
import type pg from 'pg';
import { groupOf, topicOf } from './config.js';
import { kafkaClientOptions, type KafkaSecurity } from './kafka-settings.js';

/** A read model a service keeps, and the services whose events feed it. */
export interface ProjectionSpec {
  readonly definition: ProjectionDefinition;
  /** Source services: `queue` → topic `mpp.queue.v1`, or the `queue.event_log` view. */
  readonly sources: readonly string[];
}

export interface ConsumerFactory {
  (projection: Projection, sources: readonly string[]): Consumer[];
}

/**
 * Consumers for a projection version: one consumer group over the other sources' topics when
 * Kafka is configured, else one PostgreSQL-log consumer per source (single-node mode, all schemas
 * in one database). The service's own events are always read from its own log.
 */
export function consumerFactory(options: {
  schema: string;
  db: pg.Pool;
  kafkaBrokers: readonly string[];
  /** KAFKA_SASL_* and KAFKA_TLS*; absent: PLAINTEXT. */
  security?: Partial<KafkaSecurity>;
  topicPrefix?: string;
  log?: Logger;
}): ConsumerFactory {
  const { schema, db, kafkaBrokers, log, topicPrefix = '' } = options;
  const connection = kafkaClientOptions({ ...options.security, kafkaBrokers }, `mpp-${schema}`);
  const kafka: KafkaClient | undefined = connection && createKafkaClient(connection);
  const fromLog = (projection: Projection, source: string) => createLogConsumer({ pool: db, schema, source, projection, ...(log ? { log } : {}) });
  return (projection, sources) => {
    // A service's own events are in its own database: its projections of them read its log
    // directly (no round trip through Kafka; its queries see a write within a poll).
    const own = sources.filter((s) => s === schema);
    const others = sources.filter((s) => s !== schema);
    return [
      ...own.map((source) => fromLog(projection, source)),
      ...(kafka && others.length > 0
        ? [createKafkaConsumer({ pool: db, schema, kafka, groupId: groupOf(schema, projection.name, topicPrefix), topics: others.map((s) => topicOf(s, topicPrefix)), projection, ...(log ? { log } : {}) })]
        : others.map((source) => fromLog(projection, source))),
    ];
  };
}

export interface RunningProjections {
  /** Finishes each consumer's batch in hand, commits, leaves; no new work. */
  stop(): Promise<void>;
}

/**
 * Keeps a service's projections up to date on their live version, and follows a switch made by
 * `mpp rebuild`: the consumers of the old version stop, those of the new one carry on from the
 * rebuild's checkpoint, the old version is dropped.
 */
/**
 * Each projection's live version, its tables made (version 1 and the views on a fresh schema) or
 * brought up to date. One process at a time per schema, under a session advisory lock: replicas
 * started together on an empty schema would otherwise race creating the same tables, and
 * PostgreSQL refuses the loser (a duplicate key on pg_type) even with `if not exists`.
 */
async function prepareAll(db: pg.Pool, schema: string, specs: readonly ProjectionSpec[]): Promise<number[]> {
  const client = await db.connect();
  const key = ['mpp.projections.setup', schema];
  try {
    await client.query('select pg_advisory_lock(hashtext($1), hashtext($2))', key);
    try {
      const versions: number[] = [];
      for (const spec of specs) {
        let live = await liveVersion(db, schema, spec.definition.name);
        if (live === undefined) {
          await prepareVersion(db, schema, spec.definition, 1);
          await switchTo(db, schema, spec.definition, 1);
          live = 1;
        } else await refreshVersion(db, schema, spec.definition, live);
        versions.push(live);
      }
      return versions;
    } finally {
      await client.query('select pg_advisory_unlock(hashtext($1), hashtext($2))', key).catch(() => undefined);
    }
  } finally {
    client.release();
  }
}

export async function startProjections(options: {
  schema: string;
  db: pg.Pool;
  specs: readonly ProjectionSpec[];
  consumers: ConsumerFactory;
  log: Logger;
  followIntervalMs?: number;
}): Promise<RunningProjections> {
  const { schema, db, specs, consumers, log } = options;
  const running = new Map<string, { version: number; consumers: Consumer[] }>();
  const run = (spec: ProjectionSpec, version: number) => {
    const list = consumers(projectionVersion(schema, spec.definition, version), spec.sources);
    list.forEach((c) => c.start());
    running.set(spec.definition.name, { version, consumers: list });
  };
  // Every table first, consumers after: a failure then leaves no consumer running behind it.
  const versions = await prepareAll(db, schema, specs);
  specs.forEach((spec, i) => run(spec, versions[i]!));
  let following = Promise.resolve();
  const follow = setInterval(() => {
    following = following.then(async () => {
      for (const spec of specs) {
        const current = running.get(spec.definition.name)!;
        const live = await liveVersion(db, schema, spec.definition.name).catch(() => current.version);
        if (live === undefined || live === current.version) continue;
        log.info({ projection: spec.definition.name, from: current.version, to: live }, 'projection switched; following');
        await Promise.all(current.consumers.map((c) => c.stop()));
        run(spec, live);
        await dropVersion(db, schema, spec.definition, current.version).catch((error: unknown) => log.warn({ err: error }, 'could not drop the old version'));
      }
    });
  }, options.followIntervalMs ?? 2_000);
  follow.unref();
  return {
    async stop() {
      clearInterval(follow);
      await following;
      await Promise.all([...running.values()].flatMap((r) => r.consumers.map((c) => c.stop())));
    },
  };
}
