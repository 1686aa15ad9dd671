import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '@mpp/testing';
import { kafkaBrokers } from '@mpp/testing/fixtures';
import { dropVersion, prepareVersion, projectionVersion, rebuildProjection, switchTo, type Projection, type ProjectionDefinition, type RebuildProgress } from '../src/index.js';
import { counted } from './fixtures.js';
import { countingProjection, kafkaTransport, logTransport, readCounts, useTransport, type Transport } from './conformance.js';

// One conformance suite, two transports: what a projection sees must not depend on whether the
// platform runs on one node (PostgreSQL log) or on Kafka.
const transports: [string, (url: string) => Promise<Transport>][] = [
  ['PostgreSQL log', (url) => logTransport(url)],
  ['Kafka', (url) => kafkaTransport(url, kafkaBrokers())],
];

const total = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);
const only = (prefix: string, counts: Record<string, number>) => Object.fromEntries(Object.entries(counts).filter(([stream]) => stream.startsWith(prefix)));

describe.each(transports)('consumer conformance over %s', (_name, make) => {
  let t: Transport;
  const current = useTransport(make);
  beforeAll(() => (t = current()));

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
      await waitFor(async () => total(await countsOf(projection.name, PREFIX)) === 40, { timeoutMs: 120_000, what: `all 40 events applied (${JSON.stringify(consumer.status())})` });
      await t.redeliver(projection);
      await waitFor(() => t.caughtUp(projection), { timeoutMs: 120_000, what: 'the consumer to read the redelivery' });
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
      await waitFor(async () => (await t.deadLetterCount(projection)) === 0, { timeoutMs: 120_000, what: 'no dead letter left to replay' });
    } finally {
      await consumer.stop();
    }
  }, 240_000);

  it('tries the batch again after a deadlock instead of setting its events aside', async () => {
    const PREFIX = 'locked';
    const { projection: counting } = countingProjection('reporting', `locked-${randomUUID().slice(0, 6)}`);
    // The first five tries meet a deadlock (more than the per-event retries): the transaction is
    // the problem, not the event.
    let deadlocks = 0;
    const projection: Projection = {
      name: counting.name,
      async apply(event, tx) {
        if (deadlocks < 5) {
          deadlocks++;
          throw Object.assign(new Error('deadlock detected'), { code: '40P01' });
        }
        await counting.apply(event, tx);
      },
    };
    const consumer = t.consumer(projection);
    consumer.start();
    try {
      await append(PREFIX, Array.from({ length: 20 }, () => 'good'));
      await waitFor(async () => total(await countsOf(projection.name, PREFIX)) === 20, { timeoutMs: 120_000, what: `all 20 events applied (${JSON.stringify(consumer.status())})` });
      expect(deadlocks).toBe(5);
      // The source holds the earlier tests' poison events too; none of this test's is set aside.
      expect((await t.deadLetterReasons(projection)).filter((r) => r.includes('deadlock') || r.includes(`${PREFIX}-`))).toEqual([]);
      expect(consumer.status().failures).toBeGreaterThan(0);
    } finally {
      await consumer.stop();
    }
  }, 180_000);

  it('replays a dead letter only to the consumer that refused it', async () => {
    const suffix = randomUUID().slice(0, 6);
    const picky = countingProjection('reporting', `picky-${suffix}`);
    const easy = countingProjection('reporting', `easy-${suffix}`);
    easy.state.healed = true; // never refuses
    const consumers = [t.consumer(picky.projection), t.consumer(easy.projection)];
    consumers.forEach((c) => c.start());
    try {
      await append('pair', Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? 'poison' : 'good')));
      await waitFor(async () => total(await countsOf(picky.projection.name, 'pair')) === 10 && total(await countsOf(easy.projection.name, 'pair')) === 20, {
        timeoutMs: 120_000,
        what: 'picky to apply the 10 good events and easy all 20',
      });
      await waitFor(() => t.caughtUp(picky.projection), { timeoutMs: 120_000, what: 'picky to set the poison events aside' });
      picky.state.healed = true;
      await t.replay(picky.projection);
      await waitFor(async () => total(await countsOf(picky.projection.name, 'pair')) === 20, { timeoutMs: 120_000, what: "picky's letters replayed" });
      await waitFor(() => t.caughtUp(easy.projection), { timeoutMs: 120_000, what: 'easy to read past the replayed letters' });
      const five = { 'pair-0': 5, 'pair-1': 5, 'pair-2': 5, 'pair-3': 5 };
      expect(await countsOf(picky.projection.name, 'pair')).toEqual(five);
      expect(await countsOf(easy.projection.name, 'pair')).toEqual(five);
    } finally {
      await Promise.all(consumers.map((c) => c.stop()));
    }
  }, 240_000);

  it('rebuilds a projection beside the live one under live traffic and switches without a gap', async () => {
    const suffix = randomUUID().slice(0, 6);
    const table = `tally_${suffix}`;
    const definition: ProjectionDefinition = {
      name: `tally-${suffix}`,
      tables: [table],
      setup: async (tx, t) => void (await tx.query(`create table if not exists ${t[table]} (stream_id text primary key, n integer not null)`)),
      async apply(event, tx, t) {
        await tx.query(`insert into ${t[table]} (stream_id, n) values ($1, 1) on conflict (stream_id) do update set n = ${t[table]}.n + 1`, [event.streamId]);
      },
    };
    await prepareVersion(t.pool, 'reporting', definition, 1);
    await switchTo(t.pool, 'reporting', definition, 1);
    const live = t.consumer(projectionVersion('reporting', definition, 1));
    live.start();

    let appended = 0;
    let traffic = true;
    const writer = (async () => {
      while (traffic && appended < 400) {
        await t.source.append(`live-${appended % 5}`, 'any', [counted('good', appended)]);
        appended++;
      }
    })();
    const progress: RebuildProgress[] = [];
    const viewTotal = async () => {
      const { rows } = await t.pool.query<{ n: number }>(`select coalesce(sum(n), 0)::int as n from reporting.${table} where stream_id like 'live-%'`);
      return rows[0]!.n;
    };
    await waitFor(async () => (await viewTotal()) >= 20, { timeoutMs: 180_000, what: 'the live version to serve' });

    const rebuilt = await rebuildProjection({
      pool: t.pool,
      schema: 'reporting',
      definition,
      consumerFor: (projection) => t.consumer(projection),
      caughtUp: (projection) => t.caughtUp(projection),
      total: async () => Number((await t.pool.query<{ n: string }>('select count(*) as n from queue.event_log')).rows[0]!.n),
      onProgress: (p) => progress.push(p),
      pollIntervalMs: 50,
    });
    try {
      expect(rebuilt).toMatchObject({ version: 2, previous: 1 });
      traffic = false;
      await writer;
      await live.stop();
      await dropVersion(t.pool, 'reporting', definition, 1);
      // The view now reads version 2, which saw every event from the beginning and keeps up.
      await waitFor(async () => (await viewTotal()) === appended, { timeoutMs: 120_000, what: `${appended} events through the switched view` });
      expect(progress.length).toBeGreaterThan(0);
      expect(progress.at(-1)!.total).toBeGreaterThan(0);
      const { rows } = await t.pool.query(`select 1 from information_schema.tables where table_schema = 'reporting' and table_name = $1`, [`${table}_v1`]);
      expect(rows).toHaveLength(0);
    } finally {
      traffic = false;
      await writer;
      await rebuilt.consumer.stop();
    }
  }, 400_000);
});
