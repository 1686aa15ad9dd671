import type { ApiClient } from './http.js';
import type { LagTracker } from './lag.js';
import type { Arrival } from './plan.js';
import type { MallSetup } from './setup.js';

export interface MallCounts {
  planned: number;
  /** Tickets issued (201), the first ticket included. */
  issued: number;
  /** Issue refusals the workload expects (409: quota reached, closed). */
  refused: number;
  /** Ticket operations the due arrivals imply (`plannedOperations`): the offered operations. */
  plannedOps: number;
  /** Bookings made; bookings not made (no slot that fits had room, or refused): the citizen walks in. */
  bookings: number;
  bookingsRefused: number;
  /** Bookings checked in (each a ticket); check-ins refused (the citizen takes a kiosk ticket instead). */
  checkIns: number;
  checkInsRefused: number;
  /** Transfers done: each makes a new ticket in the other queue, which the day report counts as issued. */
  transfers: number;
  called: number;
  served: number;
  noShows: number;
  surveys: number;
}

export interface MallRun {
  readonly setup: MallSetup;
  readonly plan: readonly Arrival[];
  /** What the plan says happens to an issued ticket, by ticket id. */
  readonly fates: Map<string, Arrival>;
  readonly counts: MallCounts;
}

export interface RunContext {
  readonly api: ApiClient;
  readonly speedup: number;
  /** performance.now() when the simulated day started. */
  readonly startedAt: number;
  /** Aborted when the run's duration is over. */
  readonly signal: AbortSignal;
  readonly lag: LagTracker;
}

/** Real milliseconds for simulated seconds. */
export const realMs = (context: RunContext, simulatedSec: number): number => (simulatedSec * 1000) / context.speedup;
