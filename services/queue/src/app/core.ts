import { AppError } from '@mpp/errors';
import type { Actor } from '@mpp/contracts';
import { createCommandHandler, isConcurrencyError, type Clock, type CommandContext, type CommandHandler, type EventStore } from '@mpp/eventstore';
import type { Timers } from '@mpp/runtime';
import type pg from 'pg';
import { application, type ApplicationCommand, type ApplicationState } from '../domain/application/application.js';
import { bookingDay, type BookingCommand, type BookingDayState } from '../domain/booking/booking.js';
import { counter, type CounterCommand, type CounterState } from '../domain/counter/counter.js';
import { queueDay, type DayCommand, type DayState } from '../domain/day/day.js';
import { queueEvents } from '../domain/events.js';
import type { ServiceFacts } from '../domain/rules.js';
import type { createReplicaQueries } from '../infra/replica-queries.js';
import { commandContext } from './authorize.js';
import type { QueueSettings } from './settings.js';

export type Replica = ReturnType<typeof createReplicaQueries>;
export type Facts = ServiceFacts & { readonly queuePrefix: string };

/** What every part of the queue's write side shares: one command handler per kind of stream. */
export interface Core {
  readonly store: EventStore;
  readonly db: pg.Pool;
  readonly schema: string;
  readonly replica: Replica;
  readonly clock: Clock;
  readonly timers: Timers;
  readonly settings: QueueSettings;
  readonly days: CommandHandler<DayState, DayCommand>;
  readonly counters: CommandHandler<CounterState, CounterCommand>;
  readonly bookings: CommandHandler<BookingDayState, BookingCommand>;
  readonly applications: CommandHandler<ApplicationState, ApplicationCommand>;
  /** A service's facts from the replica, cached for `settings.factsCacheMs` (the hot path never waits on the catalog). */
  facts(serviceId: string): Promise<Facts>;
  /**
   * The context of a command about a service's ticket or booking: its events carry the mall, the
   * service and the service's agency (partners follow their agency's tickets by it).
   */
  contextFor(actor: Actor | undefined, where: { mallId: string; serviceId: string }): Promise<CommandContext>;
  /** Runs `work` as the only user of a counter in this process, retrying when another replica moved it. */
  withCounter<T>(counterId: string, work: (c: { version: number; state: CounterState }) => Promise<T>): Promise<T>;
}

export function createCore(deps: { store: EventStore; db: pg.Pool; schema: string; replica: Replica; clock: Clock; timers: Timers; settings: QueueSettings }): Core {
  const { store, replica, settings } = deps;
  const factsCache = new Map<string, { at: number; facts: Facts }>();
  const locks = new Map<string, Promise<unknown>>();
  return {
    ...deps,
    days: createCommandHandler({ store, types: queueEvents, decider: queueDay }),
    counters: createCommandHandler({ store, types: queueEvents, decider: counter }),
    bookings: createCommandHandler({ store, types: queueEvents, decider: bookingDay }),
    applications: createCommandHandler({ store, types: queueEvents, decider: application }),
    async facts(serviceId) {
      const now = Date.now();
      const hit = factsCache.get(serviceId);
      if (hit && now - hit.at < settings.factsCacheMs) return hit.facts;
      const facts = await replica.serviceFacts(serviceId);
      if (!facts) throw new AppError('not_found', `no service ${serviceId} in the catalog`, { violations: [{ field: 'service_id', reason: 'unknown service' }] });
      factsCache.set(serviceId, { at: now, facts });
      if (factsCache.size > 5000) factsCache.delete(factsCache.keys().next().value as string);
      return facts;
    },
    async contextFor(actor, where) {
      // A ticket's service is always in the replica (services retire, never vanish): a failure here is real.
      const { service } = await this.facts(where.serviceId);
      return commandContext(actor, { ...where, agencyCode: service.agencyCode });
    },
    async withCounter(counterId, work) {
      const previous = locks.get(counterId) ?? Promise.resolve();
      const run = previous.catch(() => undefined).then(async () => {
        for (let attempt = 1; ; attempt++) {
          const current = await this.counters.read(`counter-${counterId}`);
          // A counter never worked may still be a real one (closed until opened); one the catalog
          // does not know is a 404, not "not open".
          if (current.version === 0 && attempt === 1 && !(await replica.counter(counterId))) {
            throw new AppError('not_found', `no counter ${counterId} in the catalog`, { violations: [{ field: 'counter_id', reason: 'unknown counter' }] });
          }
          try {
            return await work(current);
          } catch (error) {
            if (isConcurrencyError(error) && attempt < 3) continue;
            throw error;
          }
        }
      });
      locks.set(counterId, run);
      try {
        return await run;
      } finally {
        if (locks.get(counterId) === run) locks.delete(counterId);
      }
    },
  };
}
