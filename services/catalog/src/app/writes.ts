import { randomUUID } from 'node:crypto';
import { create } from '@bufbuild/protobuf';
import {
  EventMetadataSchema,
  type Actor,
  type Agency,
  type Booth,
  type Counter,
  type Mall,
  type Membership,
  type MobileVisit,
  type Notice,
  type Officer,
  type Queue,
  type QueuePolicy,
  type Service,
  type ServiceStandard,
  type SpecialDay,
} from '@mpp/contracts';
import { AppError } from '@mpp/errors';
import { createCommandHandler, type CommandContext, type Decider, type EventStore, type Handled } from '@mpp/eventstore';
import { catalogEvents } from '../domain/events.js';
import type { MallCommand, MallState } from '../domain/mall/mall.js';
import type { MobileSchedule } from '../domain/mobile/mobile.js';
import { authorizeWrite } from './authorize.js';
import { streamStates } from './states.js';
import * as T from './targets.js';

/** The outcome of a `Put`: the record as kept, and whether anything was recorded. */
export interface Kept<T> {
  readonly record: T;
  readonly changed: boolean;
}

/** The metadata of the events one command records. */
export function commandContext(actor: Actor | undefined, where: T.Target['where'], correlationId = randomUUID()): CommandContext {
  return { commandId: randomUUID(), metadata: create(EventMetadataSchema, { ...where, ...(actor ? { actor } : {}), correlationId }) };
}

/**
 * The catalog's write side: each `Put` checks who asks, gathers the facts the record's rules
 * need from the other records' streams, and lets the record's decider say what to record.
 */
export function createCatalogWrites(store: EventStore) {
  const states = streamStates(store);
  // One command handler per decider: the only writer of its streams in this process.
  const handlers = new Map<Decider<unknown, unknown>, (streamId: string, command: unknown, ctx: CommandContext) => Promise<Handled<unknown>>>();
  async function run<S>(actor: Actor | undefined, target: T.Target | Promise<T.Target>): Promise<{ state: S; changed: boolean }> {
    const t = await target;
    if (t.streamId.includes('\u0000')) throw new AppError('invalid', 'a key holds a NUL character', { violations: [{ field: '', reason: 'a key (id, code, number, subject) holds a NUL character' }] });
    for (const scope of t.scopes) authorizeWrite(actor, scope);
    let handle = handlers.get(t.decider);
    if (!handle) handlers.set(t.decider, (handle = createCommandHandler({ store, types: catalogEvents, decider: t.decider })));
    const result = await handle(t.streamId, t.command, commandContext(actor, t.where));
    return { state: result.state as S, changed: result.appended > 0 };
  }
  const kept = async <R>(actor: Actor | undefined, target: Promise<T.Target>): Promise<Kept<R>> => {
    const r = await run<R>(actor, target);
    return { record: r.state, changed: r.changed };
  };
  const onMall = async (actor: Actor | undefined, mallId: string, command: MallCommand) => {
    const r = await run<MallState>(actor, T.mallTarget(mallId, command));
    return { ...r.state, changed: r.changed };
  };

  return {
    putMall: (actor: Actor | undefined, mall: Mall) => onMall(actor, mall.id, { kind: 'put', mall }),
    async addHolidays(actor: Actor | undefined, mallId: string, holidays: readonly SpecialDay[]) {
      const before = (await states.mall(mallId)).mall?.specialDays.length ?? 0;
      const after = await onMall(actor, mallId, { kind: 'add-holidays', holidays });
      return { ...after, added: after.changed ? (after.mall?.specialDays.length ?? 0) - before : 0 };
    },
    setQueuePolicy: (actor: Actor | undefined, mallId: string, policy: QueuePolicy) => onMall(actor, mallId, { kind: 'set-policy', policy }),
    setNotice: (actor: Actor | undefined, mallId: string, notice: Notice) => onMall(actor, mallId, { kind: 'set-notice', notice }),
    putAgency: (actor: Actor | undefined, agency: Agency, membership: Membership) => kept<Agency>(actor, T.agencyTarget(states, agency, membership)),
    putBooth: (actor: Actor | undefined, booth: Booth) => kept<Booth>(actor, T.boothTarget(states, booth)),
    putCounter: (actor: Actor | undefined, counter: Counter) => kept<Counter>(actor, T.counterTarget(states, counter)),
    putQueue: (actor: Actor | undefined, queue: Queue) => kept<Queue>(actor, T.queueTarget(states, queue)),
    putService: (actor: Actor | undefined, service: Service) => kept<Service>(actor, T.serviceTarget(states, service)),
    putStandard: (actor: Actor | undefined, standard: ServiceStandard) => kept<ServiceStandard>(actor, T.standardTarget(states, standard)),
    async putMobileVisit(actor: Actor | undefined, visit: MobileVisit): Promise<Kept<MobileVisit>> {
      const r = await run<MobileSchedule>(actor, T.mobileTarget(states, visit));
      return { record: r.state.get(visit.id)!, changed: r.changed };
    },
    async cancelMobileVisit(actor: Actor | undefined, mallId: string, visitId: string): Promise<void> {
      await run(actor, T.cancelMobileTarget(mallId, visitId));
    },
    putOfficer: (actor: Actor | undefined, officer: Officer) => kept<Officer>(actor, T.officerTarget(states, officer)),
  };
}

export type CatalogWrites = ReturnType<typeof createCatalogWrites>;
