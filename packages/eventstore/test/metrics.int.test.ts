import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMetrics, type Metrics } from '@mpp/telemetry';
import { sampleValue, samplesOf, waitFor } from '@mpp/testing';
import { kafkaBrokers, uniqueTopic } from '@mpp/testing/fixtures';
import { createRelay, type Projection } from '../src/index.js';
import { counted } from './fixtures.js';
import { countingProjection, kafkaTransport, logTransport, useTransport, type Transport } from './conformance.js';
import { kafkaFor } from './relay-helpers.js';

// The event store's metrics as Prometheus scrapes them: consumer counters on both transports,
// the PostgreSQL-log consumer's lag, the outbox relay's backlog and its age.
let metrics: Metrics;
beforeAll(() => {
  metrics = startMetrics({ serviceName: 'eventstore-test' });
});
afterAll(() => metrics.shutdown());

/** A gate a test opens when it has seen what it waits for. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

const transports: ['log' | 'kafka', (url: string) => Promise<Transport>][] = [
  ['log', (url) => logTransport(url)],
  ['kafka', (url) => kafkaTransport(url, kafkaBrokers())],
];

describe.each(transports)('consumer counters over the %s transport', (transport, make) => {
  let t: Transport;
  const current = useTransport(make);
  beforeAll(() => (t = current()));

  it('counts applied events, failed batches and dead letters per service, consumer and transport', async () => {
    const { projection: counting } = countingProjection('reporting', `counted-${randomUUID().slice(0, 6)}`);
    // One deadlock first: the batch fails and is tried again (not an event's fault).
    let deadlocked = false;
    const projection: Projection = {
      name: counting.name,
      async apply(event, tx) {
        if (!deadlocked) {
          deadlocked = true;
          throw Object.assign(new Error('deadlock detected'), { code: '40P01' });
        }
        await counting.apply(event, tx);
      },
    };
    const labels = { service: 'reporting', consumer: projection.name, transport };
    const consumer = t.consumer(projection);
    consumer.start();
    try {
      for (const [i, writer] of ['good', 'poison', 'good', 'good', 'poison', 'good'].entries()) await t.source.append(`metrics-${i}`, 'any', [counted(writer, i)]);
      const text = await waitFor(async () => {
        const scraped = await metrics.scrape();
        return sampleValue(scraped, 'mpp_consumer_applied_events_total', labels) === 4 && sampleValue(scraped, 'mpp_dead_letters_total', labels) === 2 ? scraped : undefined;
      }, { timeoutMs: 120_000, what: `4 applied and 2 dead letters counted (${JSON.stringify(consumer.status())})` });
      expect(sampleValue(text, 'mpp_consumer_failures_total', labels)).toBe(consumer.status().failures);
      expect(consumer.status().failures).toBeGreaterThan(0);
      expect(text).toContain('# TYPE mpp_dead_letters_total counter');
    } finally {
      await consumer.stop();
    }
  }, 180_000);
});

describe('a PostgreSQL-log consumer\'s lag', () => {
  let t: Transport;
  const current = useTransport(logTransport);
  beforeAll(() => (t = current()));

  it('is the number of source events after its position, while it runs', async () => {
    const { projection: counting } = countingProjection('reporting', `lagging-${randomUUID().slice(0, 6)}`);
    const held = gate();
    const projection: Projection = {
      name: counting.name,
      async apply(event, tx) {
        await held.opened;
        await counting.apply(event, tx);
      },
    };
    const labels = { service: 'reporting', consumer: projection.name, source: 'queue' };
    for (let i = 0; i < 5; i++) await t.source.append(`lag-${i}`, 'any', [counted('good', i)]);
    const consumer = t.consumer(projection);
    consumer.start();
    try {
      expect(sampleValue(await metrics.scrape(), 'mpp_consumer_lag_events', labels)).toBe(5);
      held.open();
      await waitFor(async () => sampleValue(await metrics.scrape(), 'mpp_consumer_lag_events', labels) === 0, { timeoutMs: 60_000, what: 'the lag to reach 0' });
    } finally {
      await consumer.stop();
    }
    expect(samplesOf(await metrics.scrape(), 'mpp_consumer_lag_events', labels)).toEqual([]);
  }, 120_000);
});

describe('the outbox relay\'s backlog', () => {
  let t: Transport;
  const current = useTransport(logTransport);
  beforeAll(() => (t = current()));

  it('counts the events not yet published and the age of the oldest, 0 once published', async () => {
    const store = t.source; // schema queue
    for (let i = 0; i < 3; i++) await store.append(`outbox-${i}`, 'any', [counted('good', i)]);
    // Appended an hour ago, as far as the age can tell.
    await t.pool.query(`update queue.events set recorded_at = now() - interval '1 hour'`);
    const topic = uniqueTopic('mpp.queue.v1');
    const kafka = kafkaFor(kafkaBrokers());
    await kafka.ensureTopics([{ topic }]);
    // Kafka has the batch, the checkpoint waits for the test: the events still count as unpublished.
    const held = gate();
    const relay = createRelay({ store, kafka, topic, source: '/mpp/queue', pollIntervalMs: 20, afterSend: () => held.opened });
    relay.start();
    const labels = { service: 'queue' };
    try {
      const text = await metrics.scrape();
      expect(sampleValue(text, 'mpp_outbox_backlog_events', labels)).toBe(3);
      expect(sampleValue(text, 'mpp_outbox_oldest_age_seconds', labels)).toBeGreaterThanOrEqual(3600);
      expect(text).toContain('# TYPE mpp_outbox_oldest_age_seconds gauge');
      held.open();
      const published = await waitFor(async () => {
        const scraped = await metrics.scrape();
        return sampleValue(scraped, 'mpp_outbox_backlog_events', labels) === 0 ? scraped : undefined;
      }, { timeoutMs: 60_000, what: 'the backlog to reach 0' });
      expect(sampleValue(published, 'mpp_outbox_oldest_age_seconds', labels)).toBe(0);
      expect(await relay.backlog()).toEqual({ events: 0, oldestAgeSeconds: 0 });
    } finally {
      await relay.stop();
    }
    expect(samplesOf(await metrics.scrape(), 'mpp_outbox_backlog_events', labels)).toEqual([]);
  }, 120_000);
});
