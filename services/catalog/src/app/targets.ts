import { create, equals } from '@bufbuild/protobuf';
import { MembershipSchema, type Agency, type Booth, type Counter, type Membership, type MobileVisit, type Officer, type Queue, type Service, type ServiceStandard } from '@mpp/contracts';
import { AppError } from '@mpp/errors';
import type { Decider } from '@mpp/eventstore';
import { mall, type MallCommand } from '../domain/mall/mall.js';
import { mobileSchedule } from '../domain/mobile/mobile.js';
import { agency, withMembership } from '../domain/records/agency.js';
import { booth, boothId } from '../domain/records/booth.js';
import { counter, counterId } from '../domain/records/counter.js';
import { officer } from '../domain/records/officer.js';
import { queue, queueId } from '../domain/records/queue.js';
import { service, serviceId } from '../domain/records/service.js';
import { standard } from '../domain/standard/standard.js';
import type { Scope } from './authorize.js';
import { agencyFacts, boothFacts, counterFacts, mobileFacts, officerFacts, queueFacts, serviceFacts, type States } from './facts.js';
import { streams } from './streams.js';

/** One command on one stream: which decider, what it is asked, who may ask, what the events carry. */
export interface Target<S = unknown, C = unknown> {
  readonly decider: Decider<S, C>;
  readonly streamId: string;
  readonly command: C;
  /**
   * For authorisation, all required: who may state this record, and whose it is now when that
   * may differ (a counter moved to another booth, an officer to another agency).
   */
  readonly scopes: readonly Scope[];
  /** Event metadata: the mall, and the agency and service where one applies. */
  readonly where: { readonly mallId: string; readonly agencyCode?: string; readonly serviceId?: string };
}

const target = <S, C>(t: Target<S, C>): Target => t as unknown as Target;

export function mallTarget(mallId: string, command: MallCommand): Target {
  return target({ decider: mall, streamId: streams.mall(mallId), command, scopes: [{ mallId }], where: { mallId } });
}

export async function agencyTarget(s: States, record: Agency, membership: Membership): Promise<Target> {
  const where = { mallId: membership.mallId, agencyCode: record.code };
  const now = await s.agency(record.code);
  // A new agency: its mall's admin registers it. Its name and kind are the agency's own (one
  // code for every mall): only the platform or its own admin changes them; a membership is the
  // mall's admin's decision.
  const scopes: Scope[] = [];
  if (!now) scopes.push({ mallId: membership.mallId });
  else {
    if (now.name !== record.name || now.kind !== record.kind) scopes.push({ mallId: '', agencyCode: record.code, deploymentWide: true });
    const was = now.memberships.find((m) => m.mallId === membership.mallId);
    if (!was || !equals(MembershipSchema, was, create(MembershipSchema, membership))) scopes.push({ mallId: membership.mallId });
  }
  return target({ decider: agency, streamId: streams.agency(record.code), command: { record: withMembership(record, membership), facts: await agencyFacts(s, membership) }, scopes, where });
}

export async function boothTarget(s: States, stated: Booth): Promise<Target> {
  const record = { ...stated, id: stated.id || boothId(stated.mallId, stated.number) };
  const where = { mallId: record.mallId, agencyCode: record.agencyCode };
  return target({ decider: booth, streamId: streams.booth(record.id), command: { record, facts: await boothFacts(s, record) }, scopes: [where], where });
}

export async function counterTarget(s: States, stated: Counter): Promise<Target> {
  const record = { ...stated, id: stated.id || counterId(stated.mallId, stated.number) };
  const agencyCode = (await s.booth(record.boothId))?.agencyCode ?? '';
  const where = { mallId: record.mallId, agencyCode };
  const now = await s.counter(record.id);
  const current = now ? { mallId: now.mallId, agencyCode: (await s.booth(now.boothId))?.agencyCode ?? '' } : undefined;
  return target({ decider: counter, streamId: streams.counter(record.id), command: { record, facts: await counterFacts(s, record) }, scopes: current ? [where, current] : [where], where });
}

export async function queueTarget(s: States, stated: Queue): Promise<Target> {
  const record = { ...stated, id: stated.id || queueId(stated.mallId, stated.prefix) };
  return target({ decider: queue, streamId: streams.queue(record.id), command: { record, facts: await queueFacts(s, record) }, scopes: [{ mallId: record.mallId }], where: { mallId: record.mallId } });
}

export async function serviceTarget(s: States, stated: Service): Promise<Target> {
  const record = { ...stated, id: stated.id || serviceId(stated.mallId, stated.code) };
  const scope = { mallId: record.mallId, agencyCode: record.agencyCode };
  return target({ decider: service, streamId: streams.service(record.id), command: { record, facts: await serviceFacts(s, record) }, scopes: [scope], where: { ...scope, serviceId: record.id } });
}

export async function standardTarget(s: States, stated: ServiceStandard): Promise<Target> {
  const of = await s.service(stated.serviceId);
  if (!of) throw new AppError('invalid', `no service ${stated.serviceId || '(empty)'}`, { violations: [{ field: 'service_id', reason: `no service ${stated.serviceId || '(empty)'}` }] });
  const scope = { mallId: of.mallId, agencyCode: of.agencyCode };
  const command = { standard: { ...stated, mallId: stated.mallId || of.mallId }, facts: { serviceMall: of.mallId } };
  return target({ decider: standard, streamId: streams.standard(of.id), command, scopes: [scope], where: { ...scope, serviceId: of.id } });
}

export async function mobileTarget(s: States, visit: MobileVisit): Promise<Target> {
  const where = { mallId: visit.mallId };
  return target({ decider: mobileSchedule, streamId: streams.mobile(visit.mallId), command: { kind: 'put' as const, visit, facts: await mobileFacts(s, visit) }, scopes: [where], where });
}

export function cancelMobileTarget(mallId: string, visitId: string): Target {
  return target({ decider: mobileSchedule, streamId: streams.mobile(mallId), command: { kind: 'cancel' as const, mallId, visitId }, scopes: [{ mallId }], where: { mallId } });
}

export async function officerTarget(s: States, record: Officer): Promise<Target> {
  const where = { mallId: record.mallId, agencyCode: record.agencyCode };
  const now = await s.officer(record.subject);
  const current = now ? { mallId: now.mallId, agencyCode: now.agencyCode } : undefined;
  return target({ decider: officer, streamId: streams.officer(record.subject), command: { record, facts: await officerFacts(s, record) }, scopes: current ? [where, current] : [where], where });
}
