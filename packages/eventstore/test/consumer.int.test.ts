import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor, type TestDatabase } from '@mpp/testing';
import { kafkaBrokers, testDatabase } from '@mpp/testing/fixtures';
import { counted } from './fixtures.js';
import { countingProjection, kafkaTransport, logTransport, readCounts, type Transport } from './conformance.js';

// One conformance suite, two transports: what a projection sees must not depend on whether the
// platform runs on one node (PostgreSQL log) or on Kafka.
const transports: [string, (url: string) => Promise<Transport>][] = [
  ['PostgreSQL log', (url) => logTransport(url)],
  ['Kafka', (url) => kafkaTransport(url, kafkaBrokers())],
];

const total = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);
const only = (prefix: string, counts: Record<string, number>) => Object.fromEntries(Object.entries(counts).filter(([stream]) => stream.startsWith(prefix)));

describe.each(transports)('consumer conformance over %s', (_name, make) => {
  let db: TestDatabase;
  let t: Transport;
  beforeAll(async () => {
    db = await testDatabase();
    t = await make(db.url);
  });
  afterAll(async () => {
    await t.close();
    await db.drop();
  });

  // Each test's projection reads the whole source; it looks only at the streams the test wrote.
  const countsOf = async (projection: string, prefix: string) => only(`${prefix}-`, await readCounts(t.pool, 'reporting', projection));
  async function append(prefix: string, writers: string[]) {
    for (const [i, writer] of writers.entries()) await t.source.append(`${prefix}-${i % 4}`, 'any', [counted(writer, i)]);
  }

  it('applies every event once, and a redelivery changes nothing', async () => {
    const PREFIX = 'once';
    const { projection } = countingProjection('reporting', `once-${randomUUID().slice(0, 6)}`);
    const consumer = t.consumer(projection);
    consumer.start();
    try {
      await append('once', Array.from({ length: 40 }, () => 'good'));
      const expected = { 'once-0': 10, 'once-1': 10, 'once-2': 10, 'once-3': 10 };
      await waitFor(async () => total(await countsOf(projection.name, PREFIX)) === 40, { timeoutMs: 60_000, what: `all 40 events applied (${JSON.stringify(consumer.status())})` });
      await t.redeliver(projection);
      await waitFor(() => t.caughtUp(projection), { timeoutMs: 60_000, what: 'the consumer to read the redelivery' });
      expect(await countsOf(projection.name, PREFIX)).toEqual(expected);
    } finally {
      await consumer.stop();
    }
  }, 180_000);

  it('sets 100 poison events aside with their reasons while good ones keep flowing; replay after a fix restores them', async () => {
    const PREFIX = 'mixed';
    const { projection, state } = countingProjection('reporting', `poison-${randomUUID().slice(0, 6)}`);
    const consumer = t.consumer(projection);
    consumer.start();
    try {
      await append('mixed', Array.from({ length: 200 }, (_, i) => (i % 2 === 0 ? 'poison' : 'good')));
      await waitFor(async () => total(await countsOf(projection.name, PREFIX)) === 100 && (await t.deadLetterCount(projection)) === 100, {
        timeoutMs: 120_000,
        what: '100 good events applied and 100 dead letters',
      });
      const reasons = await t.deadLetterReasons(projection);
      expect(reasons).toHaveLength(100);
      expect(reasons.every((r) => r.startsWith('cannot count a poison event of mixed-'))).toBe(true);

      state.healed = true;
      await t.replay(projection);
      await waitFor(async () => total(await countsOf(projection.name, PREFIX)) === 200, { timeoutMs: 120_000, what: 'the replayed events applied' });
      expect(await countsOf(projection.name, PREFIX)).toEqual({ 'mixed-0': 50, 'mixed-1': 50, 'mixed-2': 50, 'mixed-3': 50 });
    } finally {
      await consumer.stop();
    }
  }, 240_000);
});
