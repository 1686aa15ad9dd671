import { execFileSync, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { QueueService } from '@mpp/contracts';
import { outboxBacklog } from '@mpp/eventstore';
import { createKafkaClient } from '@mpp/kafka';
import { waitFor } from '@mpp/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkDeadLetters, checkOutboxes, checkQueue, checkReadSide, POISON_HEADER, statistics, type Poisoned } from './checks.js';
import { Ledger, lanes, Workload } from './workload.js';
import { chaosMall, SERVICES, startWorld, step, type World } from './world.js';

// Issue #13, the fault suite. A steady workload (kiosks over gRPC and through the gateway's HTTP
// API, officers calling and completing, citizens answering surveys) runs while, one at a time:
// each service is killed with SIGKILL and started again; the Kafka broker is stopped until the
// queue's outbox has backed up, then started; PostgreSQL is stopped and started; the reporting
// service is frozen (SIGSTOP) until its statistics consumer lags by a set number of events; poison
// messages are put on the event topics. After each fault the workload stops and the platform must
// agree with the ledger of acknowledged commands: every ticket once, numbers 1..n per queue and
// day, completions as served, statistics, board and SKM respondents equal to what was acknowledged,
// outboxes drained, dead-letter topics holding exactly the poison messages. At the end the
// statistics are rebuilt from scratch with `mpp rebuild` and must equal the live ones.
//
// Every fault is triggered and ended by a condition (the workload felt it, a backlog or a lag
// reached), never by a sleep. Sizes: the test command runs the CI size; `npm run chaos` runs it
// alone, and MPP_CHAOS_SIZE=full makes every backlog, lag and batch ten times larger.
//
// Everything is private (embedded PostgreSQL, its own broker, five `mpp start --target=<name>`
// processes) and the suite runs as its own step after the main test run: it stops databases and
// brokers and loads both cores, which the timing-sensitive tests beside it must not feel.

const FULL = process.env.MPP_CHAOS_SIZE === 'full';
const SCALE = FULL ? 10 : 1;
/** Tickets acknowledged between a fault's start and its end, and after it, before the checks. */
const BATCH = 10 * SCALE;
/** Queue events that must wait in the outbox while the broker is down. */
const BACKLOG = 20 * SCALE;
/** Events the frozen statistics consumer must fall behind by. */
const LAG = 30 * SCALE;
const POISON = 2 * SCALE;

const bin = fileURLToPath(new URL('../../bin/mpp.mjs', import.meta.url));

let world: World;
let workload: Workload;
const ledger = new Ledger();
const poisoned: Poisoned = new Map();

beforeAll(async () => {
  world = await startWorld();
  const work = lanes(chaosMall());
  expect(work.length).toBe(3);
  workload = new Workload(world, work, ledger);
  for (const lane of work) {
    await waitFor(() => world.client(QueueService, 'queue', lane.officer).openCounter({ counterId: lane.counterId, serviceIds: [lane.serviceId] }), { what: `counter ${lane.counterId} open` });
  }
  step(`counters open: ${work.map((l) => `${l.counterId} for ${l.serviceId}`).join(', ')}`);
}, 600_000);

afterAll(async () => {
  await workload?.stop();
  await world?.close();
});

/** Waits until `n` more tickets are acknowledged than now. */
async function moreTickets(n: number, why: string): Promise<void> {
  const target = ledger.issued.size + n;
  await waitFor(() => ledger.issued.size >= target, { timeoutMs: 180_000, what: `${n} tickets ${why} (failed attempts ${ledger.failures}, last: ${ledger.lastError})` });
}

/** Waits until the workload has felt the fault: a command failed. */
async function felt(what: string): Promise<void> {
  const before = ledger.failures;
  await waitFor(() => ledger.failures > before, { timeoutMs: 60_000, what: `the workload to feel ${what}` });
}

/** Runs `fault` with the workload going; the workload stops whatever happens (a failed fault must not leave it running into the next test). */
async function during(fault: () => Promise<void>): Promise<void> {
  await workload.start();
  try {
    await fault();
  } finally {
    await workload.stop();
  }
}

/** The workload stopped, everything that must hold after a fault. */
async function verify(after: string): Promise<void> {
  step(`${after}: ${ledger.issued.size} issued, ${ledger.served.size} served, ${ledger.answered.size} surveys, ${ledger.failures} failed attempts; checking`);
  const tickets = await checkQueue(world, ledger);
  await checkOutboxes(world);
  await checkReadSide(world, ledger, tickets);
  await checkDeadLetters(world, poisoned);
  step(`${after}: consistent`);
}

/** The statistics consumer's lag: queue-topic messages it has not applied yet. */
async function statisticsLag(): Promise<{ lag: number; detail: string }> {
  const topic = `${world.prefix}mpp.queue.v1`;
  const kafka = createKafkaClient({ brokers: world.brokers(), clientId: 'chaos-lag' });
  const end = (await kafka.endOffsets(topic)).reduce((n, p) => n + Number(p.offset), 0);
  const { rows } = await world.pool.query<{ n: string }>(`select coalesce(sum(next_offset), 0)::text as n from reporting.consumer_offsets where topic = $1 and consumer like 'statistics%'`, [topic]);
  const backlog = (await outboxBacklog(world.pool, 'queue', 'outbox')).events;
  return { lag: end - Number(rows[0]!.n), detail: `topic end ${end}, applied ${rows[0]!.n}, queue outbox ${backlog}, issued ${ledger.issued.size}` };
}

describe.sequential('faults during a steady workload', () => {
  it('starts consistent', async () => {
    await during(async () => {
      await moreTickets(BATCH, 'before any fault');
    });
    await verify('no fault');
  });

  for (const name of SERVICES) {
    it(`loses and doubles nothing when the ${name} service is killed (SIGKILL) and started again`, async () => {
      await during(async () => {
        await moreTickets(BATCH / 2, `before ${name} is killed`);
        const proc = world.procs.get(name)!;
        await proc.kill9();
        step(`${name} killed`);
        // The reporting service answers no command of the workload: its death shows in the read side only.
        if (name !== 'reporting') await felt(`${name} gone`);
        else await moreTickets(BATCH / 2, 'while reporting is down');
        await proc.restart();
        step(`${name} started again`);
        await moreTickets(BATCH, `after ${name} is back`);
      });
      await verify(`${name} killed`);
    });
  }

  it('loses and doubles nothing when the broker stops until the outbox backs up', async () => {
    await during(async () => {
      await moreTickets(BATCH / 2, 'before the broker stops');
      await world.stopBroker();
      step('broker stopped');
      // Counted from the stop: events the relay could not have published, not a backlog it already had.
      const eventsNow = async (): Promise<number> => (await world.pool.query<{ n: number }>('select count(*)::int as n from queue.events')).rows[0]!.n;
      const atStop = await eventsNow();
      await waitFor(async () => (await eventsNow()) - atStop >= BACKLOG && (await outboxBacklog(world.pool, 'queue', 'outbox')).events >= BACKLOG, {
        timeoutMs: 180_000,
        what: `${BACKLOG} queue events appended and waiting in the outbox while the broker is down`,
      });
      step(`outbox backed up (${(await outboxBacklog(world.pool, 'queue', 'outbox')).events} events)`);
      await world.startBroker();
      step('broker started again');
      await moreTickets(BATCH, 'after the broker is back');
    });
    await verify('broker stopped');
  });

  it('loses and doubles nothing when PostgreSQL stops and starts again', async () => {
    await during(async () => {
      await moreTickets(BATCH / 2, 'before PostgreSQL stops');
      await world.stopPostgres();
      step('PostgreSQL stopped');
      await felt('PostgreSQL gone');
      await world.startPostgres();
      step('PostgreSQL started again');
      await moreTickets(BATCH, 'after PostgreSQL is back');
    });
    await verify('PostgreSQL restarted');
  });

  it('loses and doubles nothing when a consumer is frozen until it lags, then thawed', async () => {
    await during(async () => {
      await moreTickets(BATCH / 2, 'before reporting freezes');
      const reporting = world.procs.get('reporting')!;
      reporting.pause();
      step('reporting frozen (SIGSTOP)');
      try {
        // Behind by LAG more than at the freeze: the rest of the platform goes on without it (a
        // freeze inside a transaction would hold back every outbox but for the idle-transaction timeout).
        const atFreeze = (await statisticsLag()).lag;
        let lag = { lag: 0, detail: '' };
        const state = (): string => execFileSync('ps', ['-o', 'stat=', '-p', String(reporting.pid())], { encoding: 'utf8' }).trim();
        const progress = setInterval(() => step(`lag ${lag.lag} (${lag.detail}); reporting process state ${state()}`), 10_000);
        try {
          await waitFor(async () => (lag = await statisticsLag()).lag >= atFreeze + LAG, { timeoutMs: 180_000, what: `the statistics consumer ${LAG} more events behind than at the freeze (${atFreeze})` });
        } finally {
          clearInterval(progress);
        }
        step(`statistics ${lag.lag} events behind (${atFreeze} at the freeze; ${lag.detail})`);
      } finally {
        reporting.resume();
      }
      step('reporting thawed (SIGCONT)');
      await moreTickets(BATCH, 'after reporting thaws');
    });
    await verify('consumer frozen');
  });

  it('rebuilds the statistics from scratch to exactly the live ones', async () => {
    await checkReadSide(world, ledger, await checkQueue(world, ledger)); // the live statistics caught up first
    const live = await statistics(world, ledger);
    const before = await liveStatisticsVersion();
    const rebuilt = await new Promise<{ code: number | null; output: string }>((resolve) => {
      const child = spawn(process.execPath, [bin, 'rebuild', 'statistics'], { env: { PATH: process.env.PATH ?? '', ...world.env, LOG_LEVEL: 'warn' }, stdio: ['ignore', 'pipe', 'pipe'] });
      let output = '';
      child.stdout.on('data', (d: Buffer) => (output += d.toString()));
      child.stderr.on('data', (d: Buffer) => (output += d.toString()));
      child.once('exit', (code) => resolve({ code, output }));
    });
    expect(rebuilt.code, rebuilt.output).toBe(0);
    step(`rebuilt: ${rebuilt.output.trim().split('\n').at(-1)}`);
    // The switch points the read views at the new version: from here every read is of the rebuilt tables.
    expect(await liveStatisticsVersion()).toBe(before + 1);
    const now = await statistics(world, ledger);
    expect(now.issued).toBe(ledger.issued.size);
    expect(now.rows).toBe(live.rows);
  });

  it('sets exactly the poison messages aside and loses nothing behind them', async () => {
    await during(async () => {
      await moreTickets(BATCH / 2, 'before the poison');
      const kafka = createKafkaClient({ brokers: world.brokers(), clientId: 'chaos-poison' });
      const producer = await kafka.producer();
      try {
        for (let i = 0; i < POISON; i++) {
          for (const source of ['queue', 'survey']) {
            const topic = `${world.prefix}mpp.${source}.v1`;
            const bare = `bare-${source}-${i}`;
            poisoned.set(bare, { kind: 'not-a-cloudevent', topic });
            await producer.send(topic, [{ key: `poison-${i}`, value: new TextEncoder().encode('{"not": "an event"}'), headers: { [POISON_HEADER]: bare } }]);
          }
          const garbled = `garbled-${i}`;
          const topic = `${world.prefix}mpp.queue.v1`;
          poisoned.set(garbled, { kind: 'undecodable', topic });
          // A well-formed CloudEvent of a type the statistics read, whose protobuf body is garbage.
          await producer.send(topic, [
            {
              key: `poison-${i}`,
              value: new Uint8Array([0xff, 0xff, 0xff, 0xff, 0x0f, 0x12, 0x99]),
              headers: { [POISON_HEADER]: garbled, ce_specversion: '1.0', ce_id: randomUUID(), ce_type: 'id.mpp.queue.TicketIssued.v1', ce_source: 'chaos-poison', ce_mallid: 'chaos', ce_subject: `ticket-poison-${i}` },
            },
          ]);
        }
      } finally {
        await producer.close();
      }
      step(`${poisoned.size} poison messages sent`);
      await moreTickets(BATCH, 'after the poison');
    });
    await verify('poison injected');
  });
});

/** The statistics version the read views point at. */
async function liveStatisticsVersion(): Promise<number> {
  const { rows } = await world.pool.query<{ live: number }>(`select live from reporting.projection_versions where projection = 'statistics'`);
  return rows[0]?.live ?? 0;
}
