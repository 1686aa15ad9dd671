import { QueueService, ReportingService, ReportUnit, Role, StatisticsGroup, SurveyService, TicketStatus, UnitKind } from '@mpp/contracts';
import { outboxBacklog, readKafkaDeadLetters } from '@mpp/eventstore';
import { createKafkaClient, type IncomingMessage } from '@mpp/kafka';
import { waitFor } from '@mpp/testing';
import { expect } from 'vitest';
import type { Ledger } from './workload.js';
import { actor, MALL, type World } from './world.js';

// What must hold after every fault, once the workload has stopped and the platform has caught
// up: nothing lost, nothing doubled, nothing skipped. Waits are for the platform to converge
// (with a deadline); a figure that never equals what was acknowledged fails the run.

const auditor = actor(Role.AUDITOR, 'chaos-auditor', '', '');
/** How long the read side may take to catch up after a fault (a restarted consumer rejoins its group, a restarted broker elects leaders). */
const CATCH_UP_MS = 180_000;

/** The header a poison message carries so its dead letters can be told apart from any other. */
export const POISON_HEADER = 'chaos_poison';
export type PoisonKind = 'not-a-cloudevent' | 'undecodable';
/** Poison messages injected so far: marker → kind and topic. */
export type Poisoned = Map<string, { kind: PoisonKind; topic: string }>;

const json = (x: unknown): string => JSON.stringify(x, (k, v) => (k === '$typeName' ? undefined : typeof v === 'bigint' ? v.toString() : v));
/**
 * As `json`, with fractions to 9 significant digits: an average summed in another order (a
 * rebuild applies whole batches, the live consumer smaller ones) differs in its last bits only.
 */
const figures = (x: unknown): string => JSON.stringify(JSON.parse(json(x)), (_k, v) => (typeof v === 'number' && !Number.isInteger(v) ? Number(v.toPrecision(9)) : v));

/** The queue's word on every acknowledged ticket: its status. */
async function statuses(world: World, ledger: Ledger): Promise<Map<string, { status: TicketStatus; queueId: string }>> {
  const queue = world.client(QueueService, 'queue', auditor);
  const out = new Map<string, { status: TicketStatus; queueId: string }>();
  for (const t of ledger.tickets()) out.set(t.id, { status: (await queue.getTicket({ ticketId: t.id })).view!.ticket!.status, queueId: t.queueId });
  return out;
}

/** The statistics of every day the workload touched, per service (the rows) and in total. */
export async function statistics(world: World, ledger: Ledger): Promise<{ issued: number; served: number; rows: string }> {
  const reports = world.client(ReportingService, 'reporting', auditor);
  let issued = 0;
  let served = 0;
  const rows: string[] = [];
  for (const date of [...new Set(ledger.tickets().map((t) => t.date))].sort()) {
    const r = await reports.getStatistics({ mallId: MALL, period: date, groupBy: StatisticsGroup.SERVICE });
    issued += r.total?.issued ?? 0;
    served += r.total?.served ?? 0;
    rows.push(figures(r.rows));
  }
  return { issued, served, rows: rows.join('\n') };
}

/** The ledger against the queue: every issue acknowledged once, numbers 1..n per queue and day, completions as served. */
export async function checkQueue(world: World, ledger: Ledger): Promise<Map<string, { status: TicketStatus; queueId: string }>> {
  expect(ledger.issued.size, `unacknowledged issues: ${ledger.requested.filter((id) => !ledger.issued.has(id)).join(', ')}`).toBe(ledger.requested.length);
  const tickets = ledger.tickets();
  expect(new Set(tickets.map((t) => t.id)).size, 'two request ids acknowledged with one ticket').toBe(tickets.length);
  const { rows } = await world.pool.query<{ n: number }>(`select count(*)::int as n from queue.events where type = 'id.mpp.queue.TicketIssued.v1'`);
  expect(rows[0]!.n, 'TicketIssued events in the queue log against acknowledged issues').toBe(tickets.length);
  const byDay = new Map<string, number[]>();
  for (const t of tickets) byDay.set(`${t.queueId}|${t.date}`, [...(byDay.get(`${t.queueId}|${t.date}`) ?? []), t.sequence]);
  for (const [key, sequences] of byDay) expect(sequences.sort((a, b) => a - b), `ticket numbers of ${key}`).toEqual(sequences.map((_, i) => i + 1));
  const now = await statuses(world, ledger);
  expect([...now].filter(([, s]) => s.status === TicketStatus.COMPLETED).map(([id]) => id).sort(), 'completed tickets against served').toEqual([...ledger.served].sort());
  return now;
}

/** Every outbox drained: the broker has every event its service appended. */
export async function checkOutboxes(world: World): Promise<void> {
  for (const schema of ['catalog', 'queue', 'survey']) {
    await waitFor(async () => (await outboxBacklog(world.pool, schema, 'outbox')).events === 0, { timeoutMs: CATCH_UP_MS, what: `the ${schema} outbox empty` });
  }
}

/** The read side against the ledger: statistics, the board's lines, the survey's respondents. */
export async function checkReadSide(world: World, ledger: Ledger, tickets: Map<string, { status: TicketStatus; queueId: string }>): Promise<void> {
  const expected = { issued: ledger.issued.size, served: ledger.served.size };
  let last: unknown;
  await waitFor(
    async () => {
      const s = await statistics(world, ledger);
      last = { issued: s.issued, served: s.served };
      return s.issued === expected.issued && s.served === expected.served;
    },
    { timeoutMs: CATCH_UP_MS, what: `statistics ${json(expected)} (last read ${json(last)})` },
  );

  const reports = world.client(ReportingService, 'reporting', auditor);
  const waiting = new Map<string, number>();
  for (const t of tickets.values()) if (t.status === TicketStatus.WAITING) waiting.set(t.queueId, (waiting.get(t.queueId) ?? 0) + 1);
  const wanted = json([...waiting].filter(([, n]) => n > 0).sort());
  let board = '';
  await waitFor(
    async () => {
      const b = (await reports.getBoard({ mallId: MALL })).board!;
      board = json(b.queues.filter((q) => q.waiting > 0).map((q) => [q.queueId, q.waiting]).sort());
      return board === wanted;
    },
    { timeoutMs: CATCH_UP_MS, what: `the board's waiting lines ${wanted} (last read ${board})` },
  );

  const { rows } = await world.pool.query<{ n: number }>(`select count(*)::int as n from survey.events where type = 'id.mpp.survey.ResponseSubmitted.v1'`);
  expect(rows[0]!.n, 'survey answers in the survey log against acknowledged answers').toBe(ledger.answered.size);
  const months = [...new Set(ledger.tickets().map((t) => t.date.slice(0, 7)))];
  const respondents = async (): Promise<number> => {
    let n = 0;
    for (const period of months) n += (await reports.getSatisfaction({ mallId: MALL, period, unit: ReportUnit.MALL })).respondents;
    return n;
  };
  let seen = -1;
  await waitFor(async () => (seen = await respondents()) === ledger.answered.size, { timeoutMs: CATCH_UP_MS, what: `${ledger.answered.size} SKM respondents in the reports (last read ${seen})` });
  const survey = world.client(SurveyService, 'survey', auditor);
  let ikm = 0;
  for (const period of months) ikm += (await survey.getIkm({ mallId: MALL, period, unitKind: UnitKind.MALL })).respondents;
  expect(ikm, 'respondents in the survey service’s own IKM').toBe(ledger.answered.size);
}

/** Every dead letter on the platform's three `.dlq` topics. */
export async function deadLetters(world: World): Promise<IncomingMessage[]> {
  const kafka = createKafkaClient({ brokers: world.brokers(), clientId: 'chaos-checks' });
  const out: IncomingMessage[] = [];
  for (const source of ['catalog', 'queue', 'survey']) {
    const topic = `${world.prefix}mpp.${source}.v1`;
    if (await kafka.topicExists(`${topic}.dlq`)) out.push(...(await readKafkaDeadLetters(kafka, topic)));
  }
  return out;
}

/**
 * The dead-letter topics hold exactly the poison messages: nothing else, each at most once per
 * consumer, a message that is no CloudEvent once for every consumer of its topic (each refuses it
 * before reading it), and an undecodable event by the statistics at least (which reads every
 * ticket's issue).
 */
export async function checkDeadLetters(world: World, poisoned: Poisoned): Promise<void> {
  const consumersOf = async (topic: string): Promise<string[]> => {
    const names = new Set<string>();
    for (const schema of ['catalog', 'queue', 'survey', 'reporting']) {
      const { rows } = await world.pool.query<{ consumer: string }>(`select distinct consumer from "${schema}".consumer_offsets where topic = $1`, [topic]);
      for (const r of rows) names.add(`${schema}/${r.consumer}`);
    }
    return [...names].sort();
  };
  const expectedAtLeast = async (): Promise<number> => {
    let n = 0;
    for (const p of poisoned.values()) n += p.kind === 'not-a-cloudevent' ? (await consumersOf(p.topic)).length : 1;
    return n;
  };
  let letters: IncomingMessage[] = [];
  const least = await expectedAtLeast();
  await waitFor(async () => (letters = await deadLetters(world)).length >= least, { timeoutMs: CATCH_UP_MS, what: `at least ${least} dead letters (have ${letters.length})` });
  const strangers = letters.filter((m) => !poisoned.has(m.headers[POISON_HEADER] ?? ''));
  expect(strangers.map((m) => `${m.headers.mpp_dlq_consumer} ${m.headers.ce_type}: ${m.headers.mpp_dlq_error}`), 'dead letters that are not poison').toEqual([]);
  const byConsumer = new Map<string, string[]>();
  for (const m of letters) {
    const key = `${m.headers[POISON_HEADER]}|${m.headers.mpp_dlq_group}`;
    byConsumer.set(key, [...(byConsumer.get(key) ?? []), m.headers.mpp_dlq_offset ?? '']);
  }
  expect([...byConsumer].filter(([, offsets]) => offsets.length > 1), 'a poison message dead-lettered twice by one consumer group').toEqual([]);
  for (const [marker, p] of poisoned) {
    const groups = letters.filter((m) => m.headers[POISON_HEADER] === marker).map((m) => m.headers.mpp_dlq_consumer ?? '');
    if (p.kind === 'not-a-cloudevent') {
      const consumers = (await consumersOf(p.topic)).map((c) => c.split('/')[1]!);
      expect(groups.sort(), `the consumers that set ${marker} aside`).toEqual(consumers.sort());
    } else expect(groups.filter((g) => g.startsWith('statistics@')), `the statistics among the consumers that set ${marker} aside`).toHaveLength(1);
  }
}
