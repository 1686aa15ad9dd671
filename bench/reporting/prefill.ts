import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { createEventStore, createRelay, type EventStore } from '@mpp/eventstore';
import { createKafkaClient, type KafkaClient } from '@mpp/kafka';
import { topicOf } from '@mpp/runtime';
import pg from 'pg';
import { pgOwnTypes } from '../eventstore/pg-types.js';
import { lastPosition } from '../eventstore/relay.js';
import { MallSim, simulateDay, weekday, type Command, type CounterSim } from './world.js';

/** Mall ids: the demo MPP under each (Southeast Sulawesi's cities and regencies). */
const MALLS = ['kendari', 'baubau', 'kolaka', 'konawe', 'bombana', 'wakatobi', 'muna', 'buton'];
/** Per mall and day, as a busy MPP takes them. */
const TICKETS_PER_DAY = 900;
/** Events per ticket, about (issue, call + counter, serving, completion + counter; recalls, transfers). */
const EVENTS_PER_TICKET = 6.3;

/** The ticket day the latency bench calls in: counters open, tickets waiting. */
export interface LiveDay {
  readonly mall: MallSim;
  readonly date: string;
  readonly counters: readonly CounterSim[];
}

export interface World {
  /** Topics and consumer groups are named under it (KAFKA_TOPIC_PREFIX), so runs never share. */
  readonly prefix: string;
  readonly kafka: KafkaClient;
  /** Every source service's event store, in its own schema of the bench database (single-node layout). */
  readonly stores: ReadonlyMap<string, EventStore>;
  /** Events per source. */
  readonly counts: ReadonlyMap<string, number>;
  readonly live: LiveDay;
  /** The queue's pool (its event store's), as the queue service has one (10 connections). */
  readonly queuePool: pg.Pool;
  close(): Promise<void>;
}

export const PARTITIONS = 3; // as startEventing creates a service's topic

/**
 * The platform's events in one database as single-node mode keeps them (schemas `catalog`,
 * `queue`, and every other source of the benched projections, empty), each service's log relayed
 * by its outbox relay to `<prefix>mpp.<service>.v1` exactly as the running services do.
 */
export async function buildWorld(url: string, brokers: string[], options: { queueEvents: number; sources: readonly string[]; liveTickets: number; liveCounters: number; quick: boolean; log: (m: string) => void }): Promise<World> {
  const { log } = options;
  const pools: pg.Pool[] = [];
  const pool = (max: number) => {
    const p = new pg.Pool({ connectionString: url, max, types: pgOwnTypes });
    pools.push(p);
    return p;
  };
  const writers = pool(16);
  const queuePool = pool(10);
  const sources = [...new Set(['catalog', 'queue', ...options.sources])];
  const stores = new Map(sources.map((s) => [s, createEventStore({ pool: s === 'queue' ? queuePool : writers, schema: s })]));
  for (const s of stores.values()) await s.migrate();
  const queue = stores.get('queue')!;
  const catalog = stores.get('catalog')!;
  const prefix = `bench.${randomBytes(3).toString('hex')}.`;
  const kafka = createKafkaClient({ brokers, clientId: 'bench-reporting' });

  const malls = (options.quick ? MALLS.slice(0, 2) : MALLS).map((id, i) => new MallSim(id, 20261102 + i));
  const counts = new Map<string, number>();
  const write = async (store: EventStore, c: Command) => {
    await store.appendMany(c.appends);
    counts.set(store.schema, (counts.get(store.schema) ?? 0) + c.events);
  };
  const t0 = performance.now();
  await Promise.all(malls.map(async (mall, i) => {
    for (const c of mall.catalogCommands(i === 0)) await write(catalog, c);
  }));
  // The live day's counters and tickets come out of the first mall's share.
  const liveSetup = options.liveCounters + options.liveTickets;
  const share = Math.max(1_000, Math.floor((options.queueEvents - liveSetup) / malls.length));
  const days = await Promise.all(malls.map(async (mall) => {
    let written = 0;
    let n = 0;
    for (; ; n++) {
      const tickets = Math.min(TICKETS_PER_DAY, Math.floor((share - written) / EVENTS_PER_TICKET));
      if (tickets < 5) break;
      for (const c of simulateDay(mall, n, tickets)) {
        await write(queue, c);
        written += c.events;
      }
    }
    return n;
  }));
  const live = await liveDay(malls[0]!, days[0]!, options.liveCounters, options.liveTickets, (c) => write(queue, c));
  log(`reporting: ${counts.get('queue')} queue events (${malls.length} malls, ${days.reduce((a, b) => a + b, 0)} mall-days) and ${counts.get('catalog')} catalog events appended in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  const { rows: mix } = await queuePool.query<{ type: string; n: number }>(`select type, count(*)::int as n from queue.events group by type order by n desc`);
  log(`reporting: queue events by type: ${mix.map((r) => `${r.type.replace(/^id\.mpp\.queue\.|\.v1$/g, '')} ${r.n}`).join(', ')}`);

  // Each service's relay publishes its log, as `startEventing` runs it.
  const t1 = performance.now();
  await kafka.ensureTopics(sources.map((s) => ({ topic: topicOf(s, prefix), partitions: PARTITIONS })));
  await Promise.all(
    [...stores.values()].map(async (store) => {
      const total = counts.get(store.schema) ?? 0;
      if (total === 0) return;
      const last = await lastPosition(store);
      const relay = createRelay({ store, kafka, topic: topicOf(store.schema, prefix), source: `/mpp/${store.schema}` });
      relay.start();
      for (const deadline = performance.now() + 300_000; ; ) {
        const s = relay.status();
        if (s.position?.globalPosition === last.globalPosition && s.position.transactionId === last.transactionId) break;
        if (performance.now() > deadline) throw new Error(`${store.schema} relay did not publish its log in 300 s: ${JSON.stringify(s)}`);
        await new Promise((r) => setTimeout(r, 20));
      }
      await relay.stop();
      if (relay.status().published !== total) throw new Error(`${store.schema} relay published ${relay.status().published}/${total}`);
    }),
  );
  log(`reporting: relayed to ${sources.map((s) => topicOf(s, prefix)).join(', ')} in ${((performance.now() - t1) / 1000).toFixed(1)} s`);
  return {
    prefix,
    kafka,
    stores,
    counts,
    live,
    queuePool,
    async close() {
      await Promise.all(pools.map((p) => p.end().catch(() => undefined)));
    },
  };
}

/** The next working day of the first mall: one counter per booth opens, tickets wait for them. */
async function liveDay(mall: MallSim, n: number, counters: number, tickets: number, write: (c: Command) => Promise<void>): Promise<LiveDay> {
  const { date } = weekday(n);
  const perBooth = new Map<string, CounterSim>();
  for (const c of mall.counters) if (!perBooth.has(c.boothId)) perBooth.set(c.boothId, c);
  const open = [...perBooth.values()].slice(0, counters);
  for (const c of open) await write(mall.openCounter(c, Date.now()));
  for (let i = 0; i < tickets; i++) {
    const c = open[i % open.length]!;
    await write(mall.issue(c.serviceIds[i % c.serviceIds.length]!, date, Date.now()));
  }
  return { mall, date, counters: open };
}
