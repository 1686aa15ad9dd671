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
import { createCommandHandler, type CommandContext, type Decider, type EventStore } from '@mpp/eventstore';
import { catalogEvents } from '../domain/events.js';
import { mall as mallDecider, type MallCommand, type MallState } from '../domain/mall/mall.js';
import { mobileSchedule } from '../domain/mobile/mobile.js';
import { agency as agencyDecider, statusIn, withMembership } from '../domain/records/agency.js';
import { booth as boothDecider, boothId } from '../domain/records/booth.js';
import { counter as counterDecider, counterId } from '../domain/records/counter.js';
import { officer as officerDecider } from '../domain/records/officer.js';
import { queue as queueDecider, queueId } from '../domain/records/queue.js';
import { service as serviceDecider, serviceId } from '../domain/records/service.js';
import { standard as standardDecider } from '../domain/standard/standard.js';
import { authorizeWrite } from './authorize.js';
import { loadState } from './load.js';
import { streams } from './streams.js';

/** The outcome of a `Put`: the record as kept, and whether anything was recorded. */
export interface Kept<T> {
  readonly record: T;
  readonly changed: boolean;
}

/**
 * The catalog's write side: each `Put` checks who asks, gathers the facts the record's rules
 * need from the other records' streams, and lets the record's decider say what to record.
 */
export function createCatalogWrites(store: EventStore) {
  const handler = <S, C>(decider: Decider<S, C>) => createCommandHandler({ store, types: catalogEvents, decider });
  const h = {
    mall: handler(mallDecider),
    agency: handler(agencyDecider),
    booth: handler(boothDecider),
    counter: handler(counterDecider),
    queue: handler(queueDecider),
    service: handler(serviceDecider),
    standard: handler(standardDecider),
    mobile: handler(mobileSchedule),
    officer: handler(officerDecider),
  };
  const load = <S, C>(decider: Decider<S, C>, streamId: string) => loadState(store, catalogEvents, decider, streamId);
  const mallOf = (id: string) => load(mallDecider, streams.mall(id));
  const agencyOf = (code: string) => load(agencyDecider, streams.agency(code));
  const boothOf = (id: string) => load(boothDecider, streams.booth(id));

  function context(actor: Actor | undefined, where: { mallId: string; agencyCode?: string; serviceId?: string }): CommandContext {
    return { commandId: randomUUID(), metadata: create(EventMetadataSchema, { ...where, ...(actor ? { actor } : {}), correlationId: randomUUID() }) };
  }

  async function onMall(actor: Actor | undefined, mallId: string, command: MallCommand): Promise<MallState & { changed: boolean }> {
    authorizeWrite(actor, { mallId });
    const result = await h.mall(streams.mall(mallId), command, context(actor, { mallId }));
    return { ...result.state, changed: result.appended > 0 };
  }

  return {
    putMall: (actor: Actor | undefined, mall: Mall) => onMall(actor, mall.id, { kind: 'put', mall }),
    addHolidays: (actor: Actor | undefined, mallId: string, holidays: readonly SpecialDay[]) => onMall(actor, mallId, { kind: 'add-holidays', holidays }),
    setQueuePolicy: (actor: Actor | undefined, mallId: string, policy: QueuePolicy) => onMall(actor, mallId, { kind: 'set-policy', policy }),
    setNotice: (actor: Actor | undefined, mallId: string, notice: Notice) => onMall(actor, mallId, { kind: 'set-notice', notice }),

    async putAgency(actor: Actor | undefined, agency: Agency, membership: Membership): Promise<Kept<Agency>> {
      authorizeWrite(actor, { mallId: membership.mallId });
      const facts = { mallExists: (await mallOf(membership.mallId)).mall !== undefined };
      const result = await h.agency(streams.agency(agency.code), { record: withMembership(agency, membership), facts }, context(actor, { mallId: membership.mallId, agencyCode: agency.code }));
      return { record: result.state!, changed: result.appended > 0 };
    },

    async putBooth(actor: Actor | undefined, stated: Booth): Promise<Kept<Booth>> {
      const booth = { ...stated, id: stated.id || boothId(stated.mallId, stated.number) };
      authorizeWrite(actor, { mallId: booth.mallId, agencyCode: booth.agencyCode });
      const [mall, agency] = await Promise.all([mallOf(booth.mallId), agencyOf(booth.agencyCode)]);
      const facts = { mallExists: mall.mall !== undefined, agencyStatus: statusIn(agency, booth.mallId) };
      const result = await h.booth(streams.booth(booth.id), { record: booth, facts }, context(actor, { mallId: booth.mallId, agencyCode: booth.agencyCode }));
      return { record: result.state!, changed: result.appended > 0 };
    },

    async putCounter(actor: Actor | undefined, stated: Counter): Promise<Kept<Counter>> {
      const counter = { ...stated, id: stated.id || counterId(stated.mallId, stated.number) };
      const booth = await boothOf(counter.boothId);
      authorizeWrite(actor, { mallId: counter.mallId, agencyCode: booth?.agencyCode ?? '' });
      const result = await h.counter(streams.counter(counter.id), { record: counter, facts: { boothMall: booth?.mallId } }, context(actor, { mallId: counter.mallId, agencyCode: booth?.agencyCode ?? '' }));
      return { record: result.state!, changed: result.appended > 0 };
    },

    async putQueue(actor: Actor | undefined, stated: Queue): Promise<Kept<Queue>> {
      const queue = { ...stated, id: stated.id || queueId(stated.mallId, stated.prefix) };
      authorizeWrite(actor, { mallId: queue.mallId });
      const facts = { mallExists: (await mallOf(queue.mallId)).mall !== undefined };
      const result = await h.queue(streams.queue(queue.id), { record: queue, facts }, context(actor, { mallId: queue.mallId }));
      return { record: result.state!, changed: result.appended > 0 };
    },

    async putService(actor: Actor | undefined, stated: Service): Promise<Kept<Service>> {
      const service = { ...stated, id: stated.id || serviceId(stated.mallId, stated.code) };
      authorizeWrite(actor, { mallId: service.mallId, agencyCode: service.agencyCode });
      const [mall, agency, queue, booths] = await Promise.all([
        mallOf(service.mallId),
        agencyOf(service.agencyCode),
        load(queueDecider, streams.queue(service.queueId)),
        Promise.all(service.boothIds.map(async (id) => [id, await boothOf(id)] as const)),
      ]);
      const facts = {
        mallTimeZone: mall.mall?.timeZone,
        agencyStatus: statusIn(agency, service.mallId),
        queueMall: queue?.mallId,
        boothAgencies: Object.fromEntries(booths.map(([id, b]) => [id, b && b.mallId === service.mallId ? b.agencyCode : undefined])),
        priorityGroups: mall.policy?.priorityGroups.map((g) => g.code) ?? [],
      };
      const result = await h.service(streams.service(service.id), { record: service, facts }, context(actor, { mallId: service.mallId, agencyCode: service.agencyCode, serviceId: service.id }));
      return { record: result.state!, changed: result.appended > 0 };
    },

    async putStandard(actor: Actor | undefined, standard: ServiceStandard): Promise<Kept<ServiceStandard>> {
      const service = await load(serviceDecider, streams.service(standard.serviceId));
      if (!service) throw new AppError('not_found', `no service ${standard.serviceId}`);
      authorizeWrite(actor, { mallId: service.mallId, agencyCode: service.agencyCode });
      const result = await h.standard(streams.standard(service.id), { standard: { ...standard, mallId: standard.mallId || service.mallId }, facts: { serviceMall: service.mallId } }, context(actor, { mallId: service.mallId, agencyCode: service.agencyCode, serviceId: service.id }));
      return { record: result.state!, changed: result.appended > 0 };
    },

    async putMobileVisit(actor: Actor | undefined, visit: MobileVisit): Promise<Kept<MobileVisit>> {
      authorizeWrite(actor, { mallId: visit.mallId });
      const services = await Promise.all(visit.serviceIds.map(async (id) => [id, (await load(serviceDecider, streams.service(id)))?.mallId] as const));
      const result = await h.mobile(streams.mobile(visit.mallId), { kind: 'put', visit, facts: { serviceMalls: Object.fromEntries(services) } }, context(actor, { mallId: visit.mallId }));
      return { record: result.state.get(visit.id)!, changed: result.appended > 0 };
    },

    async cancelMobileVisit(actor: Actor | undefined, mallId: string, visitId: string): Promise<void> {
      authorizeWrite(actor, { mallId });
      await h.mobile(streams.mobile(mallId), { kind: 'cancel', mallId, visitId }, context(actor, { mallId }));
    },

    async putOfficer(actor: Actor | undefined, officer: Officer): Promise<Kept<Officer>> {
      authorizeWrite(actor, { mallId: officer.mallId, agencyCode: officer.agencyCode });
      const [agency, counters] = await Promise.all([
        agencyOf(officer.agencyCode),
        Promise.all(officer.counterIds.map(async (id) => {
          const counter = await load(counterDecider, streams.counter(id));
          const booth = counter && counter.mallId === officer.mallId ? await boothOf(counter.boothId) : undefined;
          return [id, booth?.agencyCode] as const;
        })),
      ]);
      const facts = { agencyStatus: statusIn(agency, officer.mallId), counterAgencies: Object.fromEntries(counters) };
      const result = await h.officer(streams.officer(officer.subject), { record: officer, facts }, context(actor, { mallId: officer.mallId, agencyCode: officer.agencyCode }));
      return { record: result.state!, changed: result.appended > 0 };
    },
  };
}

export type CatalogWrites = ReturnType<typeof createCatalogWrites>;
