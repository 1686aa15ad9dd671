// A consumer in a process of its own, so a test can kill -9 it in the middle of a batch.
// argv: databaseUrl brokers topic groupId projectionName
import pg from 'pg';
import { createKafkaClient } from '@mpp/kafka';
import { createKafkaConsumer } from '../../src/index.js';
import { countingProjection } from '../conformance.js';

const [url, brokers, topic, groupId, name] = process.argv.slice(2) as [string, string, string, string, string];
const pool = new pg.Pool({ connectionString: url, max: 4 });
pool.on('error', () => undefined);
const { projection } = countingProjection('reporting', name);
const slow = {
  name: projection.name,
  async apply(event: Parameters<typeof projection.apply>[0], tx: pg.PoolClient) {
    await projection.apply(event, tx);
    await tx.query('select pg_sleep(0.02)'); // a batch takes long enough to be killed inside it
  },
};
const consumer = createKafkaConsumer({ pool, schema: 'reporting', kafka: createKafkaClient({ brokers: brokers.split(','), clientId: 'slow-child' }), groupId, topics: [topic], projection: slow });
consumer.start();
process.stdout.write('started\n');
