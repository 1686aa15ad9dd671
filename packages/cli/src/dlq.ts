import { parseArgs } from 'node:util';
import { ConfigError, hostPorts, url, type Env } from '@mpp/config';
import { countKafkaDeadLetters, listDeadLetters, readKafkaDeadLetters, replayKafkaDeadLetters, requestDeadLetterReplay } from '@mpp/eventstore';
import { createKafkaClient, type KafkaClient } from '@mpp/kafka';
import { EXIT_CONFIG, kafkaClientOptions, kafkaSecurity, kafkaTopicPrefix, readServiceConfig, topicOf } from '@mpp/runtime';
import pg from 'pg';
import { EXIT_USAGE, type Io } from './io.js';

export const DLQ_HELP = `Usage: mpp dlq list [--schema <name>] [--topic <topic>]
       mpp dlq replay --schema <name> [--consumer <name>] [--id <id> ...]
       mpp dlq replay --topic <topic>

Dead letters are events a consumer refused after its retries, set aside so the rest kept
flowing: rows in <schema>.dead_letters (PostgreSQL transport, needs DATABASE_URL) or messages
in <topic>.dlq (Kafka, needs KAFKA_BROKERS, and KAFKA_SASL_* / KAFKA_TLS* on a secured cluster). Replay after fixing the cause:
  --schema  asks the consumers of that schema to apply their dead letters again (all of one
            --consumer, or some by --id); the running service does it on its next turn
  --topic   puts the messages of <topic>.dlq not replayed yet back on <topic>
`;

const SERVICES = ['catalog', 'queue', 'survey', 'reporting'];

function settings(env: Env, need: { db: boolean; kafka: boolean }) {
  return readServiceConfig(
    {
      databaseUrl: { env: 'DATABASE_URL', parse: url, doc: 'PostgreSQL connection string', ...(need.db ? {} : { default: '' }) },
      kafkaBrokers: { env: 'KAFKA_BROKERS', parse: hostPorts, doc: 'Kafka bootstrap servers', ...(need.kafka ? {} : { default: [] as string[] }) },
      kafkaTopicPrefix,
      ...kafkaSecurity,
    },
    env,
  );
}

export async function dlq(args: string[], io: Io, env: Env = process.env): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: { schema: { type: 'string' }, topic: { type: 'string' }, consumer: { type: 'string' }, id: { type: 'string', multiple: true }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (error) {
    io.err(`mpp dlq: ${(error as Error).message}\n\n${DLQ_HELP}`);
    return EXIT_USAGE;
  }
  const { values, positionals } = parsed;
  const action = positionals[0];
  if (values.help || !action) {
    (values.help ? io.out : io.err)(DLQ_HELP);
    return values.help ? 0 : EXIT_USAGE;
  }
  if ((action !== 'list' && action !== 'replay') || (action === 'replay' && !values.schema === !values.topic)) {
    io.err(`mpp dlq: ${action === 'replay' ? 'replay takes either --schema or --topic' : `unknown action "${action}"`}\n\n${DLQ_HELP}`);
    return EXIT_USAGE;
  }
  let config;
  try {
    config = settings(env, { db: action === 'list' ? !values.topic : !!values.schema, kafka: !!values.topic });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    io.err(`mpp dlq: ${error.message}\n`);
    return EXIT_CONFIG;
  }
  const connection = kafkaClientOptions(config, 'mpp-cli');
  const kafka = connection && createKafkaClient(connection);
  const pool = config.databaseUrl ? new pg.Pool({ connectionString: config.databaseUrl, max: 2 }) : undefined;
  try {
    if (action === 'replay') {
      if (values.topic) io.out(`put back ${await replayKafkaDeadLetters(kafka!, values.topic)} dead letters on ${values.topic}\n`);
      else {
        const n = await requestDeadLetterReplay(pool!, values.schema!, { ...(values.consumer ? { consumer: values.consumer } : {}), ...(values.id ? { ids: values.id } : {}) });
        io.out(`asked for a replay of ${n} dead letters in ${values.schema}; the running consumers replay them on their next turn\n`);
      }
      return 0;
    }
    if (pool && !values.topic) await listTables(pool, values.schema, io);
    if (kafka && !values.schema) await listTopics(kafka, values.topic ? [values.topic] : SERVICES.map((s) => topicOf(s, config.kafkaTopicPrefix)), io);
    return 0;
  } catch (error) {
    io.err(`mpp dlq ${action}: ${(error as Error).message}\n`);
    return 1;
  } finally {
    await pool?.end();
  }
}

async function listTables(pool: pg.Pool, only: string | undefined, io: Io) {
  const { rows } = await pool.query<{ table_schema: string }>(
    `select table_schema from information_schema.tables where table_name = 'dead_letters' and ($1::text is null or table_schema = $1) order by 1`,
    [only ?? null],
  );
  for (const { table_schema: schema } of rows) {
    const letters = await listDeadLetters(pool, schema);
    io.out(`${schema}.dead_letters: ${letters.length} waiting\n`);
    for (const d of letters) io.out(`  #${d.id}  ${d.createdAt.toISOString()}  ${d.consumer}  ${d.type ?? '?'}  ${d.eventId ?? '?'}  tries ${d.attempts}  ${d.error}\n`);
  }
}

async function listTopics(kafka: KafkaClient, topics: string[], io: Io) {
  for (const topic of topics) {
    const waiting = await countKafkaDeadLetters(kafka, topic).catch(() => undefined);
    if (waiting === undefined) continue; // no such topic here
    io.out(`${topic}.dlq: ${waiting} waiting\n`);
    if (waiting === 0) continue;
    for (const m of await readKafkaDeadLetters(kafka, topic)) {
      const h = m.headers;
      io.out(`  ${m.partition}@${m.offset}  ${h.mpp_dlq_consumer ?? '?'}  ${h.ce_type ?? '?'}  ${h.ce_id ?? '?'}  tries ${h.mpp_dlq_attempts ?? '?'}  ${h.mpp_dlq_error ?? ''}\n`);
    }
  }
}
