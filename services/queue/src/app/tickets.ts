import { create } from '@bufbuild/protobuf';
import { TicketStatus, TicketViewSchema, type Actor, type Source, type TicketView } from '@mpp/contracts';
import { AppError } from '@mpp/errors';
import type { Alongside } from '@mpp/eventstore';
import type { DayCommand, DayState } from '../domain/day/day.js';
import { estimateWaitMinutes, standing } from '../domain/day/estimate.js';
import { closedReason, dayEndsAt, dayOf, priorityGroupsFor } from '../domain/rules.js';
import { contactsTable } from '../infra/notify/notifications.js';
import { authorizeIssue, commandContext, normalisePhone } from './authorize.js';
import type { Core, Facts } from './core.js';
import { newTicketId, seedOf, streams, ticketLocation } from './ids.js';

export const CLOSE_DAY = 'close-queue-day';

export interface IssueRequest {
  readonly mallId: string;
  readonly serviceId: string;
  readonly source: Source;
  readonly priorityGroup: string;
  readonly notifyPhone: string;
  readonly requestId: string;
  /** Set on check-in: the booking and its slot (booking priority when due). */
  readonly booking?: { readonly id: string; readonly slotStart: Date };
  /** A ticket id chosen by the caller (a check-in names its ticket before issuing it). */
  readonly ticketId?: string;
  /** Written in the same transaction (a booking's check-in). */
  readonly alongside?: readonly Alongside[];
}

/** The queue day a ticket id names, or not_found: ids are checked before any read. */
export function locate(ticketId: string): { queueId: string; date: string; stream: string } {
  const at = ticketLocation(ticketId);
  if (!at) throw new AppError('not_found', 'no such ticket', { violations: [{ field: 'ticket_id', reason: 'is not a ticket id' }] });
  return { ...at, stream: streams.day(at.queueId, at.date) };
}

export function createTickets(core: Core) {
  const { days, clock, timers, settings } = core;
  const scheduled = new Set<string>();
  const openCounters = new Map<string, { at: number; n: number }>();

  /** Counters open now for any service of the queue (read model; cached like the facts). */
  async function countersOpenFor(mallId: string, queueId: string): Promise<number> {
    const now = Date.now();
    const hit = openCounters.get(queueId);
    if (hit && now - hit.at < settings.factsCacheMs) return hit.n;
    const { rows } = await core.db.query<{ n: number }>({
      name: 'queue-open-counters',
      text: `select count(*)::int as n from "${core.schema}".queue_counters c
             where c.mall_id = $1 and c.status = 'open'
               and c.service_ids && array(select id from "${core.schema}".catalog_services where queue_id = $2)`,
      values: [mallId, queueId],
    });
    openCounters.set(queueId, { at: now, n: rows[0]!.n });
    return rows[0]!.n;
  }

  /** The tracking code of the application a completed visit opened (read model; empty when none, or not yet projected). */
  async function trackingCodeOf(ticketId: string): Promise<string> {
    const { rows } = await core.db.query<{ tracking_code: string }>({ name: 'queue-application-of-ticket', text: `select tracking_code from "${core.schema}".queue_applications where ticket_id = $1`, values: [ticketId] });
    return rows[0]?.tracking_code ?? '';
  }

  /** A ticket as a citizen sees it, from its day's state. */
  async function view(state: DayState, ticketId: string, facts?: Facts): Promise<TicketView> {
    const ticket = state.tickets.get(ticketId);
    if (!ticket) throw new AppError('not_found', 'no such ticket');
    const where = standing(state, ticketId);
    let wait = 0;
    if (where.peopleAhead > 0) {
      const f = facts ?? (await core.facts(ticket.serviceId).catch(() => undefined));
      wait = estimateWaitMinutes(where.peopleAhead, state.recentServiceMinutes, f?.service.expectedHandlingMinutes ?? 0, await countersOpenFor(ticket.mallId, ticket.queueId));
    }
    return create(TicketViewSchema, {
      ticket,
      position: where.position,
      peopleAhead: where.peopleAhead,
      estimatedWaitMinutes: wait,
      statusPath: `/api/v1/tickets/${ticket.id}`,
      ...(ticket.status === TicketStatus.COMPLETED ? { surveyPath: `/api/v1/surveys/${ticket.id}`, applicationTrackingCode: await trackingCodeOf(ticket.id) } : {}),
    });
  }

  /** The end of the queue's day is a timer at the mall's next local midnight; scheduled once per day stream. */
  async function scheduleClose(facts: Facts, queueId: string, date: string): Promise<void> {
    const stream = streams.day(queueId, date);
    if (scheduled.has(stream)) return;
    const dueAt = dayEndsAt(date, facts.mall.timeZone);
    await timers.schedule({ id: `${CLOSE_DAY}:${stream}`, kind: CLOSE_DAY, dueAt, payload: { mallId: facts.mall.id, queueId, date } });
    scheduled.add(stream);
    if (scheduled.size > 10_000) scheduled.delete(scheduled.values().next().value as string);
  }

  /** The issue command for a service now (its rules from the replica and the shared opening-hours rule). */
  function issueCommand(facts: Facts, ticketId: string, date: string, request: Pick<IssueRequest, 'source' | 'priorityGroup' | 'booking'>, at: Date): Extract<DayCommand, { kind: 'issue' }> {
    return {
      kind: 'issue',
      ticketId,
      mallId: facts.mall.id,
      queueId: facts.service.queueId,
      prefix: facts.queuePrefix,
      date,
      serviceId: facts.service.id,
      source: request.source,
      priorityGroup: request.priorityGroup,
      ...(request.booking ? { bookingId: request.booking.id, slotStart: request.booking.slotStart } : {}),
      at,
      rules: { closed: closedReason(facts, at), dailyQuota: facts.service.dailyQuota, priorityGroups: priorityGroupsFor(facts) },
    };
  }

  return {
    view,
    issueCommand,
    scheduleClose,
    countersOpenFor,

    async issue(actor: Actor | undefined, request: IssueRequest): Promise<TicketView> {
      if (request.mallId === '') throw new AppError('invalid', 'mall_id is required', { violations: [{ field: 'mall_id', reason: 'is required' }] });
      if (request.serviceId === '') throw new AppError('invalid', 'service_id is required', { violations: [{ field: 'service_id', reason: 'is required' }] });
      if (!request.booking) authorizeIssue(actor, request.source, request.mallId);
      const phone = request.notifyPhone === '' ? undefined : normalisePhone(request.notifyPhone, 'notify_phone');
      const facts = await core.facts(request.serviceId);
      if (facts.mall.id !== request.mallId) throw new AppError('not_found', `no service ${request.serviceId} in mall ${request.mallId}`, { violations: [{ field: 'service_id', reason: `not a service of ${request.mallId}` }] });
      const at = clock.now();
      const date = dayOf(facts.mall, at);
      const queueId = facts.service.queueId;
      const seed = request.requestId === '' ? undefined : seedOf(request.mallId, request.requestId);
      const ticketId = request.ticketId ?? newTicketId(queueId, date, seed);
      const stream = streams.day(queueId, date);
      // The phone waits outside the events, before the ticket exists, so the notifier never misses it.
      if (phone) await core.db.query(`insert into ${contactsTable(core.schema)} (ticket_id, day_stream, phone) values ($1, $2, $3) on conflict (ticket_id) do nothing`, [ticketId, stream, phone]);
      const ctx = commandContext(actor, { mallId: facts.mall.id, agencyCode: facts.service.agencyCode, serviceId: facts.service.id });
      const result = await days(stream, issueCommand(facts, ticketId, date, request, at), ctx, request.alongside ? { alongside: () => request.alongside! } : {}).catch(async (error: unknown) => {
        if (phone) await core.db.query(`delete from ${contactsTable(core.schema)} where ticket_id = $1`, [ticketId]).catch(() => undefined);
        throw error;
      });
      await scheduleClose(facts, queueId, date);
      return view(result.state, ticketId, facts);
    },

    async get(ticketId: string): Promise<TicketView> {
      const at = locate(ticketId);
      return view((await days.read(at.stream)).state, ticketId);
    },

    async cancel(actor: Actor | undefined, ticketId: string): Promise<TicketView> {
      const at = locate(ticketId);
      const { state } = await days.read(at.stream);
      const ticket = state.tickets.get(ticketId);
      if (!ticket) throw new AppError('not_found', 'no such ticket');
      const result = await days(at.stream, { kind: 'cancel', ticketId, at: clock.now() }, await core.contextFor(actor, { mallId: ticket.mallId, serviceId: ticket.serviceId }));
      return view(result.state, ticketId);
    },

    /** Ends a queue's day: what still waits (or was called and never came) is closed by one event; phones are deleted. */
    async closeDay(actor: Actor | undefined, mallId: string, queueId: string, date: string): Promise<string[]> {
      const stream = streams.day(queueId, date);
      const result = await days(stream, { kind: 'close', queueId, date, at: clock.now() }, commandContext(actor, { mallId }));
      await core.db.query(`delete from ${contactsTable(core.schema)} where day_stream = $1`, [stream]);
      return [...result.state.tickets.values()].filter((t) => t.status === TicketStatus.EXPIRED).sort((a, b) => a.sequence - b.sequence).map((t) => t.id);
    },
  };
}

export type Tickets = ReturnType<typeof createTickets>;
