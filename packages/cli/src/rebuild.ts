import { parseArgs } from 'node:util';
import { ConfigError, hostPorts, url, type Env } from '@mpp/config';
import { rebuildProjection, type Consumer, type Projection } from '@mpp/eventstore';
import { createKafkaClient } from '@mpp/kafka';
import { consumerFactory, EXIT_CONFIG, kafkaClientOptions, kafkaSecurity, kafkaTopicPrefix, readServiceConfig, topicOf, type ProjectionSpec } from '@mpp/runtime';
import pg from 'pg';
import { EXIT_USAGE, type Io } from './io.js';
import { progressBar } from './progress.js';
import { TARGETS } from './targets.js';

export const REBUILD_HELP = `Usage: mpp rebuild <projection>

Builds the next version of a read model beside the live one, from the beginning of its sources,
while the live one keeps serving; switches readers to it when it has caught up. The running
service follows the switch within seconds and drops the old version. Needs DATABASE_URL, and
KAFKA_BROKERS (with KAFKA_SASL_* / KAFKA_TLS* on a secured cluster) when the platform runs on Kafka.

Projections: ${projectionNames().join(', ') || '(none yet)'}
`;

function projectionNames(): string[] {
  return Object.values(TARGETS).flatMap((t) => t.projections.map((p) => p.definition.name));
}

function find(name: string): { service: string; spec: ProjectionSpec } | undefined {
  for (const [service, target] of Object.entries(TARGETS)) {
    const spec = target.projections.find((p) => p.definition.name === name);
    if (spec) return { service, spec };
  }
  return undefined;
}

/** Several consumers (one per source on the log transport) as one. */
function allOf(consumers: Consumer[]): Consumer {
  return {
    start: () => consumers.forEach((c) => c.start()),
    stop: async () => void (await Promise.all(consumers.map((c) => c.stop()))),
    status: () =>
      consumers
        .map((c) => c.status())
        .reduce((a, b) => ({ running: a.running && b.running, applied: a.applied + b.applied, deadLettered: a.deadLettered + b.deadLettered, failures: a.failures + b.failures })),
  };
}

export async function rebuild(args: string[], io: Io & { isTTY?: boolean }, env: Env = process.env): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, options: { help: { type: 'boolean', short: 'h' } } });
  } catch (error) {
    io.err(`mpp rebuild: ${(error as Error).message}\n\n${REBUILD_HELP}`);
    return EXIT_USAGE;
  }
  if (parsed.values.help) {
    io.out(REBUILD_HELP);
    return 0;
  }
  const name = parsed.positionals[0];
  const found = name ? find(name) : undefined;
  if (!found) {
    io.err(`mpp rebuild: ${name ? `unknown projection "${name}"` : 'which projection?'}\n\n${REBUILD_HELP}`);
    return EXIT_USAGE;
  }
  let config;
  try {
    config = readServiceConfig(
      {
        databaseUrl: { env: 'DATABASE_URL', parse: url, doc: 'PostgreSQL connection string' },
        kafkaBrokers: { env: 'KAFKA_BROKERS', parse: hostPorts, default: [] as string[], doc: 'Kafka bootstrap servers' },
        kafkaTopicPrefix,
        ...kafkaSecurity,
      },
      env,
    );
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    io.err(`mpp rebuild: ${error.message}\n`);
    return EXIT_CONFIG;
  }
  const { service: schema, spec } = found;
  const pool = new pg.Pool({ connectionString: config.databaseUrl, max: 6 });
  const consumers = consumerFactory({ schema, db: pool, kafkaBrokers: config.kafkaBrokers, security: config, topicPrefix: config.kafkaTopicPrefix });
  const connection = kafkaClientOptions(config, 'mpp-cli');
  const kafka = connection && createKafkaClient(connection);
  const topics = spec.sources.map((s) => topicOf(s, config.kafkaTopicPrefix));
  const bar = progressBar((t) => io.err(t), io.isTTY ?? false, spec.definition.name);
  try {
    const result = await rebuildProjection({
      pool,
      schema,
      definition: spec.definition,
      consumerFor: (projection) => allOf(consumers(projection, spec.sources)),
      caughtUp: (projection) => (kafka ? kafkaCaughtUp(pool, kafka, schema, projection, topics) : logCaughtUp(pool, schema, projection, spec.sources)),
      total: () => (kafka ? kafkaTotal(kafka, topics) : logTotal(pool, spec.sources)),
      onProgress: (p) => bar.update(p),
    });
    bar.done();
    await result.consumer.stop();
    io.out(`${spec.definition.name} v${result.version} is live${result.previous ? `; the ${schema} service follows and drops v${result.previous}` : ''}\n`);
    return 0;
  } catch (error) {
    bar.done();
    io.err(`mpp rebuild: ${spec.definition.name} was not switched: ${(error as Error).message}\n`);
    return 1;
  } finally {
    await pool.end();
  }
}

async function logTotal(pool: pg.Pool, sources: readonly string[]): Promise<number> {
  let n = 0;
  for (const s of sources) n += Number((await pool.query<{ n: string }>(`select count(*) as n from "${s}".event_log`)).rows[0]!.n);
  return n;
}

async function logCaughtUp(pool: pg.Pool, schema: string, projection: Projection, sources: readonly string[]): Promise<boolean> {
  for (const s of sources) {
    const { rows } = await pool.query<{ behind: boolean }>(
      `select exists (select 1 from "${s}".event_log e left join "${schema}".consumer_positions p on p.consumer = $1 and p.source = $2
         where (p.consumer is null or (e.transaction_id, e.global_position) > (p.transaction_id, p.global_position))
           and e.transaction_id < pg_snapshot_xmin(pg_current_snapshot())) as behind`,
      [projection.name, s],
    );
    if (rows[0]!.behind) return false;
  }
  return true;
}

async function kafkaTotal(kafka: ReturnType<typeof createKafkaClient>, topics: string[]): Promise<number> {
  let n = 0;
  for (const t of topics) for (const p of await kafka.endOffsets(t)) n += Number(p.offset);
  return n;
}

async function kafkaCaughtUp(pool: pg.Pool, kafka: ReturnType<typeof createKafkaClient>, schema: string, projection: Projection, topics: string[]): Promise<boolean> {
  const { rows } = await pool.query<{ topic: string; partition: number; next_offset: string }>(
    `select topic, partition, next_offset::text from "${schema}".consumer_offsets where consumer = $1`,
    [projection.name],
  );
  const done = new Map(rows.map((r) => [`${r.topic}/${r.partition}`, BigInt(r.next_offset)]));
  for (const t of topics) for (const p of await kafka.endOffsets(t)) if ((done.get(`${t}/${p.partition}`) ?? 0n) < BigInt(p.offset)) return false;
  return true;
}
