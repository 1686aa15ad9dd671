import { Role, type Actor } from '@mpp/contracts';
import { AppError } from '@mpp/errors';
import type { Clock, EventStore } from '@mpp/eventstore';
import type { Timers } from '@mpp/runtime';
import type pg from 'pg';
import { isCalendarDate } from '@mpp/opening-hours';
import { createReplicaQueries } from '../infra/replica-queries.js';
import { streams } from './ids.js';
import { createApplications } from './applications.js';
import { createAudit } from './audit.js';
import { BOOKING_NO_SHOW, createBookings } from './bookings.js';
import { createCore } from './core.js';
import { createCounters } from './counters.js';
import type { QueueSettings } from './settings.js';
import { CLOSE_DAY, createTickets } from './tickets.js';

/**
 * The queue service's application: tickets, counters, bookings and applications over one set of
 * command handlers (each the only writer of its streams in this process), and the timers that
 * end a queue's day and mark booking no-shows.
 */
export function createQueueApp(deps: { store: EventStore; db: pg.Pool; schema?: string; clock: Clock; timers: Timers; settings: QueueSettings }) {
  const schema = deps.schema ?? 'queue';
  const core = createCore({ ...deps, schema, replica: createReplicaQueries(deps.db, schema) });
  const tickets = createTickets(core);
  const counters = createCounters(core, tickets);
  const bookings = createBookings(core, tickets);
  const applications = createApplications(core);
  const audit = createAudit(core);
  const system: Actor = { $typeName: 'mpp.common.v1.Actor', subject: '', role: Role.SYSTEM, agencyCode: '', mallId: '' };

  deps.timers.handle(CLOSE_DAY, async (timer) => {
    const p = timer.payload as { mallId: string; queueId: string; date: string };
    await tickets.closeDay(system, p.mallId, p.queueId, p.date);
  });
  deps.timers.handle(BOOKING_NO_SHOW, async (timer) => {
    await bookings.noShow((timer.payload as { bookingId: string }).bookingId);
  });

  return {
    core,
    tickets,
    counters,
    bookings,
    applications,
    audit,
    /** An admin ends a queue's day by hand (the timer does it at local midnight). */
    async closeDay(actor: Actor | undefined, queueId: string, date: string): Promise<string[]> {
      if (!actor || (actor.role !== Role.MALL_ADMIN && actor.role !== Role.SYSTEM)) throw new AppError('forbidden', 'only a mall-admin ends a queue’s day by hand');
      if (!isCalendarDate(date)) throw new AppError('invalid', 'date must be YYYY-MM-DD', { violations: [{ field: 'date', reason: 'must be a calendar date YYYY-MM-DD' }] });
      const { version } = await core.days.read(streams.day(queueId, date));
      if (version === 0) throw new AppError('not_found', `queue ${queueId} issued no ticket on ${date}`);
      const mallId = queueId.split(':')[0]!;
      if (actor.role === Role.MALL_ADMIN && actor.mallId !== mallId) throw new AppError('forbidden', `a mall-admin of ${actor.mallId} cannot end days in ${mallId}`);
      return tickets.closeDay(actor, mallId, queueId, date);
    },
  };
}

export type QueueApp = ReturnType<typeof createQueueApp>;
