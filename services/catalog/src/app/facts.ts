import type { Agency, Booth, Counter, Membership, MobileVisit, Officer, Queue, Service } from '@mpp/contracts';
import type { MallState } from '../domain/mall/mall.js';
import { statusIn, type AgencyFacts } from '../domain/records/agency.js';
import type { BoothFacts } from '../domain/records/booth.js';
import type { CounterFacts } from '../domain/records/counter.js';
import type { OfficerFacts } from '../domain/records/officer.js';
import type { QueueFacts } from '../domain/records/queue.js';
import type { ServiceFacts } from '../domain/records/service.js';

/** Where the current records come from: their streams, or an import's view of them so far. */
export interface States {
  mall(id: string): Promise<MallState>;
  agency(code: string): Promise<Agency | undefined>;
  booth(id: string): Promise<Booth | undefined>;
  counter(id: string): Promise<Counter | undefined>;
  queue(id: string): Promise<Queue | undefined>;
  service(id: string): Promise<Service | undefined>;
  officer(subject: string): Promise<Officer | undefined>;
}

// What each record's rules need to know about the others.

export async function agencyFacts(s: States, membership: Membership): Promise<AgencyFacts> {
  return { mallId: membership.mallId, mallExists: membership.mallId !== '' && (await s.mall(membership.mallId)).mall !== undefined };
}

export async function boothFacts(s: States, booth: Booth): Promise<BoothFacts> {
  const [mall, agency] = await Promise.all([s.mall(booth.mallId), s.agency(booth.agencyCode)]);
  return { mallExists: mall.mall !== undefined, agencyStatus: statusIn(agency, booth.mallId) };
}

export async function counterFacts(s: States, counter: Counter): Promise<CounterFacts> {
  const [booth, now] = await Promise.all([s.booth(counter.boothId), s.counter(counter.id)]);
  const currentBooth = now ? await s.booth(now.boothId) : undefined;
  return { boothMall: booth?.mallId, boothAgency: booth?.agencyCode, currentBoothAgency: currentBooth?.agencyCode };
}

export async function queueFacts(s: States, queue: Queue): Promise<QueueFacts> {
  return { mallExists: (await s.mall(queue.mallId)).mall !== undefined };
}

export async function serviceFacts(s: States, service: Service): Promise<ServiceFacts> {
  const [mall, agency, queue, booths] = await Promise.all([
    s.mall(service.mallId),
    s.agency(service.agencyCode),
    s.queue(service.queueId),
    Promise.all(service.boothIds.map(async (id) => [id, await s.booth(id)] as const)),
  ]);
  return {
    mallTimeZone: mall.mall?.timeZone,
    mallHours: mall.mall?.weeklyHours ?? [],
    agencyStatus: statusIn(agency, service.mallId),
    queueMall: queue?.mallId,
    boothAgencies: Object.fromEntries(booths.map(([id, b]) => [id, b && b.mallId === service.mallId ? b.agencyCode : undefined])),
    priorityGroups: mall.policy?.priorityGroups.map((g) => g.code) ?? [],
  };
}

export async function officerFacts(s: States, officer: Officer): Promise<OfficerFacts> {
  const [agency, counters] = await Promise.all([
    s.agency(officer.agencyCode),
    Promise.all(
      officer.counterIds.map(async (id) => {
        const counter = await s.counter(id);
        const booth = counter && counter.mallId === officer.mallId ? await s.booth(counter.boothId) : undefined;
        return [id, booth?.agencyCode] as const;
      }),
    ),
  ]);
  return { agencyStatus: statusIn(agency, officer.mallId), counterAgencies: Object.fromEntries(counters) };
}

export async function mobileFacts(s: States, visit: MobileVisit): Promise<{ serviceMalls: Record<string, string | undefined> }> {
  return { serviceMalls: Object.fromEntries(await Promise.all(visit.serviceIds.map(async (id) => [id, (await s.service(id))?.mallId] as const))) };
}
