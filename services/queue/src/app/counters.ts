import { randomBytes } from 'node:crypto';
import { create } from '@bufbuild/protobuf';
import { timestampMs } from '@bufbuild/protobuf/wkt';
import { ApplicationStatus, CallRule, CounterStatus, CounterViewSchema, Outcome, TicketStatus, TicketViewSchema, type Actor, type Application, type CounterView, type TicketView } from '@mpp/contracts';
import { AppError } from '@mpp/errors';
import type { Alongside, EventDraft } from '@mpp/eventstore';
import { application, dueDate, trackingCode } from '../domain/application/application.js';
import { counter, workedBy, type CounterState } from '../domain/counter/counter.js';
import { queueDay, waitingFor, type DayCommand } from '../domain/day/day.js';
import { standing } from '../domain/day/estimate.js';
import { chooseNext, type Choice } from '../domain/day/fairness.js';
import { inLine } from '../domain/day/line.js';
import { TicketIssued } from '../domain/events.js';
import { dayOf, orderingPolicy, priorityGroupsFor } from '../domain/rules.js';
import { commandContext, officerOf } from './authorize.js';
import { isWorkingDay } from './calendar.js';
import type { Core } from './core.js';
import { newTicketId, streams } from './ids.js';
import { locate, type Tickets } from './tickets.js';

const STATUS: Record<CounterState['status'], CounterStatus> = { closed: CounterStatus.CLOSED, open: CounterStatus.OPEN, paused: CounterStatus.PAUSED };
const RANK: Partial<Record<CallRule, number>> = { [CallRule.BOOKING_DUE]: 0, [CallRule.PRIORITY]: 1, [CallRule.FIFO]: 2 };

function counterView(counterId: string, state: CounterState): CounterView {
  return create(CounterViewSchema, { counterId, status: STATUS[state.status], serviceIds: [...state.serviceIds], ticketId: state.current?.ticketId ?? '' });
}

/** Events for the counter stream, decided on its state as read under the counter's lock. */
function counterSide(counterId: string, c: { version: number; state: CounterState }, command: Parameters<typeof counter.decide>[0]): Alongside {
  return { streamId: streams.counter(counterId), expectedVersion: c.version, events: counter.decide(command, c.state) };
}

const ticketIdOf = (events: readonly EventDraft[]) => (events[0]?.data as { ticketId?: string } | undefined)?.ticketId ?? '';

export function createCounters(core: Core, tickets: Tickets) {
  const { days, counters, clock, replica } = core;

  /** A counter command's context: the counter's agency from the catalog. */
  async function counterContext(actor: Actor | undefined, counterId: string, mallId: string) {
    return commandContext(actor, { mallId, agencyCode: (await replica.counter(counterId))?.agencyCode ?? '' });
  }

  /** The counter, its agency, and the officer's right to work it (from the catalog's roster). */
  async function rosterCheck(counterId: string, officer: string) {
    const c = await replica.counter(counterId);
    if (!c) throw new AppError('not_found', `no counter ${counterId} in the catalog`, { violations: [{ field: 'counter_id', reason: 'unknown counter' }] });
    const o = await replica.officer(officer);
    const why = !o
      ? 'you are not on the roster of any agency'
      : !o.active
        ? 'you are not active on the roster'
        : o.mallId !== c.mallId
          ? `you are on the roster of mall ${o.mallId}, not ${c.mallId}`
          : o.agencyCode !== c.agencyCode
            ? `counter ${counterId} belongs to ${c.agencyCode}; you work for ${o.agencyCode}`
            : o.counterIds.length > 0 && !o.counterIds.includes(counterId)
              ? `the roster does not list counter ${counterId} for you`
              : '';
    return { counter: c, allowed: why === '', why: why === '' ? '' : `you may not open counter ${counterId}: ${why}` };
  }

  /** Officer checks for a ticket at a counter: the ticket's counter, worked by this officer. */
  async function atTicket(actor: Actor | undefined, ticketId: string) {
    const officer = officerOf(actor);
    const where = locate(ticketId);
    const { state } = await days.read(where.stream);
    const ticket = state.tickets.get(ticketId);
    if (!ticket) throw new AppError('not_found', 'no such ticket');
    if (ticket.counterId === '') throw new AppError('illegal_state', `ticket ${ticket.number} has not been called to a counter (it is ${TicketStatus[ticket.status]?.toLowerCase()})`);
    return { officer, where, ticket };
  }

  return {
    async open(actor: Actor | undefined, counterId: string, serviceIds: readonly string[], queueIds: readonly string[]): Promise<CounterView> {
      const officer = officerOf(actor);
      if (counterId === '') throw new AppError('invalid', 'counter_id is required', { violations: [{ field: 'counter_id', reason: 'is required' }] });
      const roster = await rosterCheck(counterId, officer);
      const asked = await replica.services(roster.counter.mallId, { serviceIds, queueIds });
      const own = asked.filter((s) => s.agencyCode === roster.counter.agencyCode && !s.retired);
      const chosen = queueIds.length > 0 ? [...new Set([...serviceIds, ...own.filter((s) => queueIds.includes(s.queueId)).map((s) => s.id)])] : [...serviceIds];
      const known = new Set(own.map((s) => s.id));
      const unknownServices = chosen.filter((id) => !known.has(id));
      const at = clock.now();
      const result = await core.withCounter(counterId, () =>
        counters(
          streams.counter(counterId),
          { kind: 'open', counterId, mallId: roster.counter.mallId, officer, serviceIds: chosen.sort(), at, facts: { allowed: roster.allowed, why: roster.why, unknownServices } },
          commandContext(actor, { mallId: roster.counter.mallId, agencyCode: roster.counter.agencyCode }),
        ),
      );
      return counterView(counterId, result.state);
    },

    async pause(actor: Actor | undefined, counterId: string): Promise<CounterView> {
      const officer = officerOf(actor);
      return core.withCounter(counterId, async (c) => {
        const r = await counters(streams.counter(counterId), { kind: 'pause', counterId, officer, at: clock.now() }, await counterContext(actor, counterId, c.state.mallId));
        return counterView(counterId, r.state);
      });
    },

    async close(actor: Actor | undefined, counterId: string): Promise<CounterView> {
      const officer = officerOf(actor);
      return core.withCounter(counterId, async (c) => {
        const r = await counters(streams.counter(counterId), { kind: 'close', counterId, officer, at: clock.now() }, await counterContext(actor, counterId, c.state.mallId));
        return counterView(counterId, r.state);
      });
    },

    async get(counterId: string): Promise<CounterView> {
      return counterView(counterId, (await counters.read(streams.counter(counterId))).state);
    },

    /** Today's waiting tickets for the services the counter is open for, in line order across its queues. */
    async waiting(counterId: string): Promise<TicketView[]> {
      const c = (await counters.read(streams.counter(counterId))).state;
      if (c.serviceIds.length === 0) {
        if (!(await replica.counter(counterId))) throw new AppError('not_found', `no counter ${counterId} in the catalog`, { violations: [{ field: 'counter_id', reason: 'unknown counter' }] });
        return [];
      }
      const services = await replica.services(c.mallId, { serviceIds: c.serviceIds });
      if (services.length === 0) return [];
      const facts = await core.facts(services[0]!.id);
      const date = dayOf(facts.mall, clock.now());
      const byQueue = new Map<string, string[]>();
      for (const s of services) byQueue.set(s.queueId, [...(byQueue.get(s.queueId) ?? []), s.id]);
      const views: TicketView[] = [];
      for (const [queueId, serviceIds] of byQueue) {
        const day = (await days.read(streams.day(queueId, date))).state;
        for (const t of waitingFor(day, serviceIds).sort(inLine)) {
          const where = standing(day, t.id);
          views.push(create(TicketViewSchema, { ticket: t, position: where.position, peopleAhead: where.peopleAhead, statusPath: `/api/v1/tickets/${t.id}` }));
        }
      }
      return views.sort((a, b) => inLine(a.ticket!, b.ticket!));
    },

    /** The next ticket by the mall's policy, across the queues of the counter's services; the choice is recorded with its reason. */
    async callNext(actor: Actor | undefined, counterId: string): Promise<TicketView> {
      const officer = officerOf(actor);
      return core.withCounter(counterId, async (c) => {
        workedBy(c.state, counterId, officer);
        if (c.state.status === 'paused') throw new AppError('illegal_state', `counter ${counterId} is paused; open it to call`);
        if (c.state.current) throw new AppError('illegal_state', `counter ${counterId} still has ticket ${c.state.current.ticketId}; complete, transfer or mark it a no-show first`);
        const services = await replica.services(c.state.mallId, { serviceIds: c.state.serviceIds });
        if (services.length === 0) throw new AppError('illegal_state', `counter ${counterId} serves no known service`);
        const facts = await core.facts(services[0]!.id);
        const policy = orderingPolicy(facts.policy);
        const at = clock.now();
        const date = dayOf(facts.mall, at);
        const byQueue = new Map<string, string[]>();
        for (const s of services) byQueue.set(s.queueId, [...(byQueue.get(s.queueId) ?? []), s.id]);
        let best: { queueId: string; serviceIds: string[]; choice: Choice } | undefined;
        for (const [queueId, serviceIds] of byQueue) {
          const day = (await days.read(streams.day(queueId, date))).state;
          const choice = chooseNext(waitingFor(day, serviceIds), policy, day.regularSinceLastPriority, at);
          if (!choice) continue;
          const better = !best || (RANK[choice.rule] ?? 9) - (RANK[best.choice.rule] ?? 9) || timestampMs(choice.ticket.queuedSince!) - timestampMs(best.choice.ticket.queuedSince!);
          if (!best || (typeof better === 'number' && better < 0)) best = { queueId, serviceIds, choice };
        }
        if (!best) throw new AppError('illegal_state', `no one is waiting for the services of counter ${counterId}`);
        const stream = streams.day(best.queueId, date);
        let called = '';
        const ctx = commandContext(actor, { mallId: c.state.mallId, agencyCode: facts.service.agencyCode });
        const r = await days(stream, { kind: 'call-next', counterId, serviceIds: best.serviceIds, officer, policy, at }, ctx, {
          // The ticket is chosen when the command is decided: its service goes in the metadata then.
          metadataFor: (state, event, metadata) => ({ ...metadata, serviceId: state.tickets.get(ticketIdOf([event]))?.serviceId ?? '' }),
          alongside: (_state, events) => {
            called = ticketIdOf(events);
            return [counterSide(counterId, c, { kind: 'take', counterId, officer, ticketId: called, queueDay: stream, at })];
          },
        });
        return tickets.view(r.state, called);
      });
    },

    /** A chosen ticket, out of turn: the officer's reason and how many were passed over are recorded. */
    async call(actor: Actor | undefined, counterId: string, ticketId: string, reason: string): Promise<TicketView> {
      const officer = officerOf(actor);
      const where = locate(ticketId);
      return core.withCounter(counterId, async (c) => {
        workedBy(c.state, counterId, officer);
        if (c.state.current) throw new AppError('illegal_state', `counter ${counterId} still has ticket ${c.state.current.ticketId}; complete, transfer or mark it a no-show first`);
        const { state } = await days.read(where.stream);
        const ticket = state.tickets.get(ticketId);
        if (!ticket) throw new AppError('not_found', 'no such ticket');
        if (!c.state.serviceIds.includes(ticket.serviceId)) throw new AppError('illegal_state', `counter ${counterId} is not open for ${ticket.serviceId}`);
        const at = clock.now();
        const r = await days(where.stream, { kind: 'call', ticketId, counterId, officer, reason, at }, await core.contextFor(actor, { mallId: c.state.mallId, serviceId: ticket.serviceId }), {
          alongside: () => [counterSide(counterId, c, { kind: 'take', counterId, officer, ticketId, queueDay: where.stream, at })],
        });
        return tickets.view(r.state, ticketId);
      });
    },

    async recall(actor: Actor | undefined, ticketId: string): Promise<TicketView> {
      return this.simple(actor, ticketId, (counterId, at) => ({ kind: 'recall', ticketId, counterId, at }));
    },

    async start(actor: Actor | undefined, ticketId: string): Promise<TicketView> {
      return this.simple(actor, ticketId, (counterId, at) => ({ kind: 'start', ticketId, counterId, at }));
    },

    async noShow(actor: Actor | undefined, ticketId: string): Promise<TicketView> {
      const { ticket } = await atTicket(actor, ticketId);
      const facts = await core.facts(ticket.serviceId);
      const recalls = facts.policy?.recallsBeforeNoShow ?? core.settings.defaultRecallsBeforeNoShow;
      return this.simple(actor, ticketId, (counterId, at) => ({ kind: 'no-show', ticketId, counterId, recallsBeforeNoShow: recalls, at }), true);
    },

    /** A day command on a ticket at the officer's counter; `frees` also frees the counter in the same transaction. */
    async simple(actor: Actor | undefined, ticketId: string, command: (counterId: string, at: Date) => DayCommand, frees = false): Promise<TicketView> {
      const { officer, where, ticket } = await atTicket(actor, ticketId);
      return core.withCounter(ticket.counterId, async (c) => {
        workedBy(c.state, ticket.counterId, officer);
        const at = clock.now();
        const r = await days(where.stream, command(ticket.counterId, at), await core.contextFor(actor, { mallId: ticket.mallId, serviceId: ticket.serviceId }), {
          ...(frees ? { alongside: () => [counterSide(ticket.counterId, c, { kind: 'free', counterId: ticket.counterId, ticketId, at })] } : {}),
        });
        return tickets.view(r.state, ticketId);
      });
    },

    async complete(actor: Actor | undefined, ticketId: string, outcome: Outcome, deliveredServiceIds: readonly string[], openApplication: boolean): Promise<{ ticket: TicketView; application?: Application }> {
      const { officer, where, ticket } = await atTicket(actor, ticketId);
      const facts = await core.facts(ticket.serviceId);
      const at = clock.now();
      let opened: { id: string; events: EventDraft[]; application: Application } | undefined;
      if (openApplication) {
        if (!facts.service.opensApplication) throw new AppError('invalid', `${facts.service.nameId || facts.service.id} does not open a tracked application`, { violations: [{ field: 'open_application', reason: 'the service opens no application' }] });
        if (outcome !== Outcome.DONE) throw new AppError('invalid', 'an application opens only for a visit that is done', { violations: [{ field: 'open_application', reason: 'needs outcome done' }] });
        const id = randomBytes(12).toString('base64url');
        const due = dueDate({ openedLocalDate: dayOf(facts.mall, at), completionDays: facts.service.completionDays, isWorkingDay: isWorkingDay(facts.mall) });
        const events = application.decide({ kind: 'open', application: { id, trackingCode: trackingCode(randomBytes(5)), mallId: ticket.mallId, agencyCode: facts.service.agencyCode, serviceId: ticket.serviceId, ticketId, openedAt: at, dueDate: due } }, application.initialState()).slice();
        opened = { id, events, application: (events[0]!.data as { application: Application }).application };
      }
      return core.withCounter(ticket.counterId, async (c) => {
        workedBy(c.state, ticket.counterId, officer);
        const r = await days(where.stream, { kind: 'complete', ticketId, counterId: ticket.counterId, outcome, deliveredServiceIds, at }, commandContext(actor, { mallId: ticket.mallId, agencyCode: facts.service.agencyCode, serviceId: ticket.serviceId }), {
          alongside: () => [
            counterSide(ticket.counterId, c, { kind: 'free', counterId: ticket.counterId, ticketId, at }),
            ...(opened ? [{ streamId: streams.application(opened.id), expectedVersion: 0, events: opened.events }] : []),
          ],
        });
        const view = await tickets.view(r.state, ticketId);
        if (!opened) return { ticket: view };
        return { ticket: { ...view, applicationTrackingCode: opened.application.trackingCode }, application: { ...opened.application, status: ApplicationStatus.IN_PROCESS } };
      });
    },

    /** To another service: a new ticket in the target's queue day, in line by the original issue time. */
    async transfer(actor: Actor | undefined, ticketId: string, toServiceId: string): Promise<{ from: TicketView; to: TicketView }> {
      const { officer, where, ticket } = await atTicket(actor, ticketId);
      if (toServiceId === '' || toServiceId === ticket.serviceId) throw new AppError('invalid', 'transfer to another service', { violations: [{ field: 'to_service_id', reason: toServiceId === '' ? 'is required' : 'is the ticket’s own service' }] });
      const target = await core.facts(toServiceId);
      if (target.mall.id !== ticket.mallId) throw new AppError('invalid', `${toServiceId} is not a service of mall ${ticket.mallId}`, { violations: [{ field: 'to_service_id', reason: 'another mall' }] });
      return core.withCounter(ticket.counterId, async (c) => {
        workedBy(c.state, ticket.counterId, officer);
        const at = clock.now();
        const date = where.date;
        const toQueue = target.service.queueId;
        const toTicketId = newTicketId(toQueue, date);
        const reissue = tickets.issueCommand(target, toTicketId, date, { source: ticket.source, priorityGroup: priorityGroupsFor(target).includes(ticket.priorityGroup) ? ticket.priorityGroup : '' }, at);
        const relaxed = { ...reissue, rules: { ...reissue.rules, dailyQuota: 0 } };
        const sameQueue = toQueue === ticket.queueId;
        const toStream = streams.day(toQueue, date);
        const targetDay = sameQueue ? undefined : await days.read(toStream);
        const since = ticket.queuedSince ? new Date(timestampMs(ticket.queuedSince)) : at;
        const ctx = await core.contextFor(actor, { mallId: ticket.mallId, serviceId: ticket.serviceId });
        // The new ticket's events name its own service and agency.
        const targetMetadata = { ...ctx.metadata, agencyCode: target.service.agencyCode, serviceId: toServiceId };
        const r = await days(where.stream, { kind: 'transfer', ticketId, counterId: ticket.counterId, toServiceId, toTicketId, at, ...(sameQueue ? { reissue: relaxed } : {}) }, ctx, {
          // In the same queue the new ticket is one of this command's own events.
          metadataFor: (_state, event, metadata) => (event.type === TicketIssued ? targetMetadata : metadata),
          alongside: () => [
            counterSide(ticket.counterId, c, { kind: 'free', counterId: ticket.counterId, ticketId, at }),
            ...(targetDay ? [{ streamId: toStream, expectedVersion: targetDay.version, events: [...queueDay.decide({ ...relaxed, queuedSince: since }, targetDay.state)], metadata: targetMetadata }] : []),
          ],
        });
        const to = sameQueue ? r.state : (await days.read(toStream)).state;
        if (!sameQueue) await tickets.scheduleClose(target, toQueue, date);
        return { from: await tickets.view(r.state, ticketId), to: await tickets.view(to, toTicketId) };
      });
    },
  };
}
