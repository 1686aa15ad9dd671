import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { createRelay, readLog, toCloudEvent, type RecordedEvent } from '@mpp/eventstore';
import { topicOf, type ProjectionSpec } from '@mpp/runtime';
import { Kafka, logLevel, type Message } from 'kafkajs';
import type pg from 'pg';
import { lastPosition } from '../eventstore/relay.js';
import { deploy } from './catchup.js';
import { PARTITIONS, type World } from './prefill.js';
import type { BoardChange, Command } from './world.js';

export interface Percentiles {
  readonly samples: number;
  readonly p50: number;
  readonly p90: number;
  readonly p99: number;
  readonly max: number;
}

function percentiles(ms: readonly number[]): Percentiles {
  const s = [...ms].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))]!;
  return { samples: s.length, p50: q(0.5), p90: q(0.9), p99: q(0.99), max: s[s.length - 1]! };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)));

/**
 * Runs `count` steps at `perSecond` on a fixed schedule (open loop: a slow step does not hold the
 * next one back), one at a time in order through `chain` (the queue's appends of one stream must
 * not overtake each other); `step(i)` returns when its work has been handed over.
 */
async function fixedRate(count: number, perSecond: number, step: (i: number) => Promise<void>): Promise<void> {
  const interval = 1000 / perSecond;
  const start = performance.now() + 50;
  let chain = Promise.resolve();
  for (let i = 0; i < count; i++) {
    await sleep(start + i * interval - performance.now());
    chain = chain.then(() => step(i));
  }
  await chain;
}

/**
 * The relay reads only what committed before the oldest transaction still writing anywhere on the
 * server (the log's gap-safe horizon is cluster-wide): name it when the board stays behind.
 */
async function oldestWriter(pool: pg.Pool): Promise<string> {
  const { rows } = await pool.query<{ datname: string; pid: number; secs: number; query: string }>(
    `select datname, pid, extract(epoch from now() - xact_start)::int as secs, left(query, 80) as query from pg_stat_activity
      where backend_xid is not null order by age(backend_xid) desc limit 1`,
  );
  const w = rows[0];
  return w ? `oldest writing transaction: pid ${w.pid} in ${w.datname}, ${w.secs} s old: ${w.query}` : 'no writing transaction';
}

interface Pending {
  readonly change: BoardChange;
  readonly t0: number;
  readonly warm: boolean;
}

/**
 * Ours: the queue appends a counter's command (a call, its serving start, its completion) to its
 * event store; the outbox relay (woken by the store's appends, as in the queue service) publishes it; the
 * reporting projections consume it live from Kafka (all of them, as deployed); the board shows it.
 * From the append until the `board_counters` view — what readBoard reads for the counters — shows
 * the counter's new ticket and status. The board's consumer's applied count says when to look
 * (one cheap indexed query then), with a look every 20 ms besides.
 */
async function timeOurs(world: World, pool: pg.Pool, schema: string, specs: readonly ProjectionSpec[], brokers: string[], commands: number, warm: number, perSecond: number): Promise<{ latencies: number[]; tracked: Map<number, string>; from: Awaited<ReturnType<typeof lastPosition>>; overtaken: number }> {
  const queue = world.stores.get('queue')!;
  const deployed = await deploy(pool, () => pool, schema, specs, brokers, world.prefix, false);
  const board = deployed.find((d) => d.spec.definition.name === 'board')?.consumers[0];
  if (!board) throw new Error('no board projection on Kafka among the reporting projections');
  const relay = createRelay({ store: queue, kafka: world.kafka, topic: topicOf('queue', world.prefix), source: '/mpp/queue' });
  const from = await lastPosition(queue);
  const { mall, date, counters } = world.live;
  const pending = new Map<string, Pending[]>();
  const latencies: number[] = [];
  const tracked = new Map<number, string>(); // command index → id of its event the board shows
  let overtaken = 0;
  let watching = true;

  const watch = (async () => {
    let lastApplied = -1;
    let lastLook = 0;
    while (watching) {
      await sleep(1);
      const applied = board.status().applied;
      if (pending.size === 0 || (applied === lastApplied && performance.now() - lastLook < 20)) continue;
      lastApplied = applied;
      lastLook = performance.now();
      const { rows } = await pool.query<{ counter_id: string; ticket_id: string; ticket_status: string }>(
        `select counter_id, ticket_id, ticket_status from "${schema}".board_counters where counter_id = any($1::text[])`,
        [[...pending.keys()]],
      );
      const now = performance.now();
      for (const r of rows) {
        const list = pending.get(r.counter_id) ?? [];
        // A counter left empty says nothing about a change still waiting before it (the counter was empty then too).
        const shown = list.findLastIndex((p, k) => (p.change.ticketStatus === '' ? k === 0 && r.ticket_id === '' : r.ticket_id === p.change.ticketId && r.ticket_status === p.change.ticketStatus));
        if (shown < 0) continue;
        // What the board shows now implies the counter's earlier changes were applied too.
        for (const [k, p] of list.slice(0, shown + 1).entries()) {
          if (!p.warm) latencies.push(now - p.t0);
          if (k < shown) overtaken++;
        }
        list.splice(0, shown + 1);
        if (list.length === 0) pending.delete(r.counter_id);
      }
    }
  })();

  const step = (warmUp: boolean) => async (i: number) => {
    const c = counters[i % counters.length]!;
    const cmd: Command | undefined = c.phase === 'idle' ? mall.callNext(c, date, Date.now()) : c.phase === 'called' ? mall.start(c, Date.now()) : mall.complete(c, Date.now());
    if (!cmd?.board) throw new Error(`counter ${c.id} has no ticket left to call: give the live day more tickets`);
    const t0 = performance.now();
    const list = pending.get(c.id) ?? [];
    list.push({ change: cmd.board, t0, warm: warmUp });
    pending.set(c.id, list);
    tracked.set(i, cmd.appends[0]!.events[0]!.id); // the queue day's event: what the board shows
    await queue.appendMany(cmd.appends);
  };
  try {
    deployed.forEach((d) => d.consumers.forEach((c) => c.start()));
    relay.start();
    // Warm-up, one at a time: the consumers join, the relay and the board's path get going.
    for (let i = 0; i < warm; i++) {
      await step(true)(i);
      for (const deadline = performance.now() + 60_000; pending.size > 0; await sleep(2)) if (performance.now() > deadline) throw new Error(`the board did not show a warm-up call in 60 s (relay: ${JSON.stringify(relay.status())}; ${await oldestWriter(pool)})`);
    }
    const measured = step(false);
    await fixedRate(commands, perSecond, (i) => measured(warm + i));
    for (const deadline = performance.now() + 60_000; pending.size > 0; await sleep(5)) if (performance.now() > deadline) throw new Error(`the board did not show ${pending.size} counters' changes in 60 s (relay: ${JSON.stringify(relay.status())}; ${await oldestWriter(pool)})`);
  } finally {
    watching = false;
    await watch;
    await relay.stop();
    await Promise.all(deployed.flatMap((d) => d.consumers.map((c) => c.stop())));
  }
  return { latencies, tracked, from, overtaken };
}

/**
 * Baseline: the same commands' messages (what the relay published for them) sent by a bare
 * kafkajs producer (the relay's settings: idempotent, one in flight, acks from all) on the same
 * schedule to a topic of the same partitioning, read by a bare kafkajs consumer (`eachMessage`,
 * group joined before the first send); from the send until `eachMessage` has the event the board
 * showed.
 */
async function timeRaw(world: World, brokers: string[], commands: Message[][], trackedIds: string[], warm: number, perSecond: number): Promise<number[]> {
  const topic = `${world.prefix}latency.raw`;
  await world.kafka.ensureTopics([{ topic, partitions: PARTITIONS }]);
  const kafka = new Kafka({ clientId: 'bench-reporting-latency', brokers, logLevel: logLevel.NOTHING });
  const producer = kafka.producer({ allowAutoTopicCreation: false, idempotent: true, maxInFlightRequests: 1 });
  const consumer = kafka.consumer({ groupId: `bench.reporting.latency.${randomBytes(3).toString('hex')}`, allowAutoTopicCreation: false });
  const pending = new Map<string, { t0: number; warm: boolean }>();
  const latencies: number[] = [];
  await producer.connect();
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
  await consumer.run({
    eachMessage: async ({ message }) => {
      const id = message.headers?.ce_id?.toString();
      const p = id === undefined ? undefined : pending.get(id);
      if (!p) return;
      if (!p.warm) latencies.push(performance.now() - p.t0);
      pending.delete(id!);
    },
  });
  try {
    await joined;
    const send = (warmUp: boolean) => async (i: number) => {
      const t0 = performance.now();
      pending.set(trackedIds[i]!, { t0, warm: warmUp });
      await producer.send({ topic, acks: -1, messages: commands[i]! });
    };
    // Warm-up on the first commands' messages, one at a time (their ids then count as seen).
    for (let i = 0; i < warm; i++) {
      await send(true)(i);
      for (const deadline = performance.now() + 60_000; pending.size > 0; await sleep(2)) if (performance.now() > deadline) throw new Error('the raw consumer did not get a warm-up message in 60 s');
    }
    const measured = send(false);
    await fixedRate(commands.length - warm, perSecond, (i) => measured(warm + i));
    for (const deadline = performance.now() + 60_000; pending.size > 0; await sleep(5)) if (performance.now() > deadline) throw new Error(`the raw consumer did not get ${pending.size} messages in 60 s`);
  } finally {
    await consumer.disconnect();
    await producer.disconnect();
  }
  return latencies;
}

export interface BoardLatency {
  readonly ours: Percentiles;
  readonly baseline: Percentiles;
  readonly perSecond: number;
  /** Changes found shown only because a later one of their counter was (their latency is an upper bound). */
  readonly overtaken: number;
}

/** Event-to-board latency at a modest fixed rate versus produce-to-consume of the same messages. */
export async function boardLatency(world: World, pool: pg.Pool, schema: string, specs: readonly ProjectionSpec[], brokers: string[], options: { commands: number; warm: number; perSecond: number }): Promise<BoardLatency> {
  const { commands, warm, perSecond } = options;
  const ours = await timeOurs(world, pool, schema, specs, brokers, commands, warm, perSecond);
  // What the relay published for the measured commands: their events, one send per command (transaction).
  const queue = world.stores.get('queue')!;
  const events: RecordedEvent[] = [];
  for (let after = ours.from; ; ) {
    const page = await readLog(queue.pool, queue.schema, after, 500);
    if (page.length === 0) break;
    events.push(...page);
    after = page[page.length - 1]!.position;
  }
  const byTx = new Map<string, Message[]>();
  for (const e of events) {
    const m = toCloudEvent(e, '/mpp/queue');
    const list = byTx.get(e.position.transactionId) ?? [];
    list.push({ key: m.key, value: m.value && Buffer.from(m.value), headers: { ...m.headers } });
    byTx.set(e.position.transactionId, list);
  }
  const messages = [...byTx.values()];
  if (messages.length !== warm + commands) throw new Error(`expected ${warm + commands} commands in the queue's log, found ${messages.length}`);
  // Each command's queue-day event is the one the board shows.
  const trackedIds = messages.map((m, i) => {
    const id = ours.tracked.get(i);
    if (!id || !m.some((x) => String(x.headers!.ce_id) === id)) throw new Error(`command ${i}: its transaction in the log has no event ${id}`);
    return id;
  });
  const raw = await timeRaw(world, brokers, messages, trackedIds, warm, perSecond);
  return { ours: percentiles(ours.latencies), baseline: percentiles(raw), perSecond, overtaken: ours.overtaken };
}
