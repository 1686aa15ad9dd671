import type { LagResult } from './lag.js';
import type { MallRun } from './run-state.js';
import { percentiles, type Percentiles, type Recorder } from './stats.js';

/**
 * The routes that are ticket operations — writes a kiosk, an officer or a citizen makes on a ticket
 * or a booking; their 2xx answers are the operations achieved. Everything else the generator sends
 * (idle officers' call-next with no one waiting, slots, boards and reports) is a read or a poll.
 */
export const TICKET_OPERATIONS: ReadonlySet<string> = new Set([
  'POST /malls/{mallId}/tickets',
  'POST /bookings',
  'POST /bookings/{bookingId}/check-in',
  'POST /counters/{counterId}/call-next',
  'POST /tickets/{ticketId}/recall',
  'POST /tickets/{ticketId}/start',
  'POST /tickets/{ticketId}/complete',
  'POST /tickets/{ticketId}/no-show',
  'POST /tickets/{ticketId}/transfer',
  'POST /surveys/{ticketId}/responses',
]);

export interface RouteReport extends Percentiles {
  /** Answers per second over the run (every status). */
  readonly perSec: number;
  /** Answers by status, expected refusals left out. */
  readonly statuses: Record<string, number>;
  /** Refusals the workload expects (no one waiting, quota reached, survey not open yet), by status. */
  readonly expectedRefusals: Record<string, number>;
}

export interface MallReport {
  readonly id: string;
  readonly imported: boolean;
  readonly date: string;
  readonly countersOpen: number;
  readonly countersRefused: Readonly<Record<string, string>>;
  readonly services: number;
  readonly planned: number;
  readonly plannedOps: number;
  readonly issued: number;
  readonly refused: number;
  readonly bookings: number;
  readonly bookingsRefused: number;
  readonly checkIns: number;
  readonly checkInsRefused: number;
  readonly transfers: number;
  readonly called: number;
  readonly served: number;
  readonly noShows: number;
  readonly surveys: number;
  /** The day report's `issued` for the mall before and after the run; it counts transfers as tickets too. */
  readonly reportIssuedBefore: number;
  readonly reportIssuedAfter: number | null;
  /** reportIssuedAfter − reportIssuedBefore = issued + checkIns + transfers. */
  readonly reportMatches: boolean;
}

export interface LoadReport {
  readonly config: Readonly<Record<string, unknown>>;
  readonly malls: readonly MallReport[];
  readonly throughput: {
    readonly elapsedSec: number;
    readonly offeredTicketsPerSec: number;
    readonly achievedTicketsPerSec: number;
    /** Ticket operations the due arrivals imply, per second (see `plannedOperations`). */
    readonly offeredOpsPerSec: number;
    /** 2xx answers of the ticket-operation routes (`TICKET_OPERATIONS`), and per second. */
    readonly ticketOps: number;
    readonly achievedOpsPerSec: number;
    /** Every other request (polls with no one waiting, refusals, slots, boards, reports), per second. */
    readonly otherRequestsPerSec: number;
    readonly requests: number;
    readonly requestsPerSec: number;
    readonly successPerSec: number;
    /** The latest a kiosk's ticket left after its planned time (the generator keeping up). */
    readonly maxKioskDelayMs: number;
  };
  readonly routes: Readonly<Record<string, RouteReport>>;
  /** Latency over every request of the run, and over the ticket operations alone (ms). */
  readonly latency: { readonly all: Percentiles; readonly ticketOps: Percentiles };
  readonly errors: { readonly failures: Readonly<Record<string, Record<string, number>>>; readonly expectedRefusals: Readonly<Record<string, Record<string, number>>>; readonly serverErrors: number; readonly failureCount: number };
  readonly lag: { readonly board: LagReport; readonly report: LagReport };
  readonly cpu: { readonly generatorMs: number; readonly generatorShare: number; readonly platform: readonly { pid: number; cpuMs: number | null; share: number | null }[] };
}

export interface LagReport extends Percentiles {
  readonly samples: number;
  readonly reached: number;
  readonly missed: number;
}

const round = (x: number, digits = 1): number => Math.round(x * 10 ** digits) / 10 ** digits;
const roundPercentiles = (p: Percentiles): Percentiles => ({ count: p.count, p50: round(p.p50), p90: round(p.p90), p99: round(p.p99), max: round(p.max) });

export function lagReport(result: LagResult): LagReport {
  return { samples: result.samples, reached: result.reached, missed: result.missed, ...roundPercentiles(percentiles(result.lagsMs)) };
}

export function routesReport(recorder: Recorder, elapsedSec: number): { routes: Record<string, RouteReport>; latency: LoadReport['latency']; errors: LoadReport['errors']; requests: number; successes: number; ticketOps: number } {
  const all: number[] = [];
  const ops: number[] = [];
  const routes: Record<string, RouteReport> = {};
  const failures: Record<string, Record<string, number>> = {};
  const expectedRefusals: Record<string, Record<string, number>> = {};
  let serverErrors = 0;
  let failureCount = 0;
  let requests = 0;
  let successes = 0;
  let ticketOps = 0;
  for (const [route, stats] of [...recorder.routes.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    const statuses = Object.fromEntries([...stats.statuses.entries()].sort(([a], [b]) => a - b).map(([s, n]) => [String(s), n]));
    const expected = Object.fromEntries([...stats.expected.entries()].sort(([a], [b]) => a - b).map(([s, n]) => [String(s), n]));
    routes[route] = { ...roundPercentiles(percentiles(stats.latenciesMs)), perSec: round(stats.latenciesMs.length / elapsedSec), statuses, expectedRefusals: expected };
    requests += stats.latenciesMs.length;
    for (const ms of stats.latenciesMs) all.push(ms);
    if (TICKET_OPERATIONS.has(route)) for (const ms of stats.latenciesMs) ops.push(ms);
    for (const [status, n] of stats.statuses) {
      if (status >= 200 && status < 300) {
        successes += n;
        if (TICKET_OPERATIONS.has(route)) ticketOps += n;
      } else {
        (failures[route] ??= {})[String(status)] = n;
        failureCount += n;
        if (status >= 500 || status === 0) serverErrors += n;
      }
    }
    if (stats.expected.size > 0) expectedRefusals[route] = expected;
  }
  return { routes, latency: { all: roundPercentiles(percentiles(all)), ticketOps: roundPercentiles(percentiles(ops)) }, errors: { failures, expectedRefusals, serverErrors, failureCount }, requests, successes, ticketOps };
}

export function mallReport(mall: MallRun, reportIssuedAfter: number | undefined): MallReport {
  const { setup, counts } = mall;
  return {
    id: setup.id,
    imported: setup.imported,
    date: setup.date,
    countersOpen: setup.counters.length,
    countersRefused: setup.refusedCounters,
    services: setup.services.length,
    ...counts,
    reportIssuedBefore: setup.issuedBefore,
    reportIssuedAfter: reportIssuedAfter ?? null,
    reportMatches: reportIssuedAfter !== undefined && reportIssuedAfter - setup.issuedBefore === counts.issued + counts.checkIns + counts.transfers,
  };
}

const pad = (s: string | number, n: number): string => String(s).padStart(n);

/** The report as text tables for the terminal. */
export function formatReport(report: LoadReport): string {
  const t = report.throughput;
  const lines: string[] = [];
  lines.push(`\nmpp load: ${report.malls.length} mall(s), ${report.config.speedup}× real time, ${t.elapsedSec} s`);
  lines.push(`ticket operations: offered ${t.offeredOpsPerSec}/s, achieved ${t.achievedOpsPerSec}/s (${t.ticketOps} issue, check-in, book, call, recall, start, complete, no-show, transfer, survey)`);
  lines.push(`tickets: offered ${t.offeredTicketsPerSec}/s, achieved ${t.achievedTicketsPerSec}/s; kiosk delay max ${t.maxKioskDelayMs} ms`);
  lines.push(`requests: ${t.requests} (${t.requestsPerSec}/s, ${t.successPerSec}/s 2xx; reads, idle polls and refusals ${t.otherRequestsPerSec}/s)`);
  lines.push('');
  lines.push(`${'mall'.padEnd(10)}${pad('planned', 8)}${pad('issued', 8)}${pad('refused', 8)}${pad('booked', 8)}${pad('checkin', 8)}${pad('served', 8)}${pad('no-show', 8)}${pad('transfer', 9)}${pad('surveys', 8)}${pad('report', 8)}  matches`);
  for (const m of report.malls) lines.push(`${m.id.padEnd(10)}${pad(m.planned, 8)}${pad(m.issued, 8)}${pad(m.refused, 8)}${pad(m.bookings, 8)}${pad(m.checkIns, 8)}${pad(m.served, 8)}${pad(m.noShows, 8)}${pad(m.transfers, 9)}${pad(m.surveys, 8)}${pad(m.reportIssuedAfter === null ? '-' : m.reportIssuedAfter - m.reportIssuedBefore, 8)}  ${m.reportMatches ? 'yes' : 'NO'}`);
  lines.push('');
  lines.push(`${'route'.padEnd(44)}${pad('count', 7)}${pad('/s', 7)}${pad('p50 ms', 9)}${pad('p90', 9)}${pad('p99', 9)}${pad('max', 9)}  statuses (expected refusals)`);
  for (const [route, r] of Object.entries(report.routes)) {
    const statuses = Object.entries(r.statuses).map(([s, n]) => `${s}:${n}`).join(' ');
    const expected = Object.entries(r.expectedRefusals).map(([s, n]) => `${s}:${n}`).join(' ');
    lines.push(`${route.padEnd(44)}${pad(r.count, 7)}${pad(r.perSec, 7)}${pad(r.p50, 9)}${pad(r.p90, 9)}${pad(r.p99, 9)}${pad(r.max, 9)}  ${statuses}${expected ? ` (${expected})` : ''}`);
  }
  const { all, ticketOps } = report.latency;
  lines.push(`${'all requests'.padEnd(44)}${pad(all.count, 7)}${pad('', 7)}${pad(all.p50, 9)}${pad(all.p90, 9)}${pad(all.p99, 9)}${pad(all.max, 9)}`);
  lines.push(`${'ticket-operation routes (with idle polls)'.padEnd(44)}${pad(ticketOps.count, 7)}${pad('', 7)}${pad(ticketOps.p50, 9)}${pad(ticketOps.p90, 9)}${pad(ticketOps.p99, 9)}${pad(ticketOps.max, 9)}`);
  lines.push('');
  for (const [name, l] of [['board', report.lag.board], ['report', report.lag.report]] as const) {
    lines.push(`lag to ${name.padEnd(7)} samples ${l.samples}, reached ${l.reached}, missed ${l.missed}; p50 ${l.p50} ms, p90 ${l.p90}, p99 ${l.p99}, max ${l.max}`);
  }
  lines.push(`failures ${report.errors.failureCount} (5xx or no answer: ${report.errors.serverErrors})`);
  const platform = report.cpu.platform.map((p) => `pid ${p.pid}: ${p.cpuMs ?? '?'} ms (${p.share ?? '?'} cores)`).join(', ');
  lines.push(`cpu: generator ${report.cpu.generatorMs} ms (${report.cpu.generatorShare} cores)${platform ? `; platform ${platform}` : ''}`);
  return `${lines.join('\n')}\n`;
}
