import { create } from '@bufbuild/protobuf';
import { timestampDate, timestampFromDate } from '@bufbuild/protobuf/wkt';
import { InternalStandardSchema, SpecialDayKind, type CatalogService } from '@mpp/contracts';
import { AppError } from '@mpp/errors';
import type { EventStore } from '@mpp/eventstore';
import type { ServiceImpl } from '@mpp/grpc';
import { localDate, nationalHolidays, type MallTimeZone } from '@mpp/opening-hours';
import { authorizeStaffRead, rosterScope } from '../app/authorize.js';
import { checkOpen } from '../app/open.js';
import type { CatalogWrites } from '../app/writes.js';
import { reviewOverdue } from '../domain/standard/standard.js';
import type { CatalogQueries } from '../infra/queries.js';
import { importStream } from './import-api.js';

function required<T>(value: T | undefined, field: string): T {
  if (value === undefined) throw new AppError('invalid', `${field} is required`, { violations: [{ field, reason: 'is required' }] });
  return value;
}

function present(value: string, field: string): string {
  if (value === '') throw new AppError('invalid', `${field} is required`, { violations: [{ field, reason: 'is required' }] });
  return value;
}

function found<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new AppError('not_found', `no ${what}`);
  return value;
}

const PAGE = { default: 100, max: 500 } as const;

/** The catalog's gRPC API: requests to commands and queries, nothing more. */
export function catalogApi(deps: { writes: CatalogWrites; queries: CatalogQueries; store: EventStore; now: () => Date }): ServiceImpl<typeof CatalogService> {
  const { writes, queries } = deps;
  return {
    async putMall(req, ctx) {
      const r = await writes.putMall(ctx.actor, required(req.mall, 'mall'));
      return { mall: r.mall, changed: r.changed };
    },
    async loadNationalHolidays(req, ctx) {
      const mallId = present(req.mallId, 'mall_id');
      let holidays;
      try {
        holidays = nationalHolidays(req.year);
      } catch (error) {
        throw new AppError('invalid', (error as Error).message, { violations: [{ field: 'year', reason: (error as Error).message }] });
      }
      const r = await writes.addHolidays(ctx.actor, mallId, holidays.map((h) => ({ $typeName: 'mpp.catalog.v1.SpecialDay', date: h.date, name: h.name, kind: SpecialDayKind.HOLIDAY, intervals: [] })));
      return { mall: r.mall, added: r.added };
    },
    async setQueuePolicy(req, ctx) {
      const r = await writes.setQueuePolicy(ctx.actor, present(req.mallId, 'mall_id'), required(req.policy, 'policy'));
      return { policy: r.policy, changed: r.changed };
    },
    async setNotice(req, ctx) {
      const r = await writes.setNotice(ctx.actor, present(req.mallId, 'mall_id'), required(req.notice, 'notice'));
      return { notice: r.notice, changed: r.changed };
    },
    async putAgency(req, ctx) {
      const r = await writes.putAgency(ctx.actor, required(req.agency, 'agency'), required(req.membership, 'membership'));
      return { agency: r.record, changed: r.changed };
    },
    async putBooth(req, ctx) {
      const r = await writes.putBooth(ctx.actor, required(req.booth, 'booth'));
      return { booth: r.record, changed: r.changed };
    },
    async putCounter(req, ctx) {
      const r = await writes.putCounter(ctx.actor, required(req.counter, 'counter'));
      return { counter: r.record, changed: r.changed };
    },
    async putQueue(req, ctx) {
      const r = await writes.putQueue(ctx.actor, required(req.queue, 'queue'));
      return { queue: r.record, changed: r.changed };
    },
    async putService(req, ctx) {
      const r = await writes.putService(ctx.actor, required(req.service, 'service'));
      return { service: r.record, changed: r.changed };
    },
    async putStandard(req, ctx) {
      const r = await writes.putStandard(ctx.actor, required(req.standard, 'standard'));
      return { standard: r.record, changed: r.changed };
    },
    async putMobileVisit(req, ctx) {
      const r = await writes.putMobileVisit(ctx.actor, required(req.visit, 'visit'));
      return { visit: r.record, changed: r.changed };
    },
    async cancelMobileVisit(req, ctx) {
      await writes.cancelMobileVisit(ctx.actor, present(req.mallId, 'mall_id'), present(req.visitId, 'visit_id'));
      return {};
    },
    async putOfficer(req, ctx) {
      const r = await writes.putOfficer(ctx.actor, required(req.officer, 'officer'));
      return { officer: r.record, changed: r.changed };
    },

    async getMall(req) {
      return found(await queries.mall(present(req.mallId, 'mall_id')), `mall ${req.mallId}`);
    },
    async listMalls() {
      return { malls: await queries.malls() };
    },
    async getAgency(req) {
      return { agency: found(await queries.agency(present(req.code, 'code')), `agency ${req.code}`) };
    },
    async listAgencies(req) {
      return { agencies: await queries.agencies(present(req.mallId, 'mall_id')) };
    },
    async listBooths(req) {
      return { booths: await queries.booths(present(req.mallId, 'mall_id')) };
    },
    async listQueues(req) {
      return { queues: await queries.queues(present(req.mallId, 'mall_id')) };
    },
    async listServices(req) {
      if (req.pageSize > PAGE.max) throw new AppError('invalid', `page_size is at most ${PAGE.max}`, { violations: [{ field: 'page_size', reason: `at most ${PAGE.max}` }] });
      const limit = req.pageSize || PAGE.default;
      const services = await queries.services({
        mallId: present(req.mallId, 'mall_id'),
        agencyCode: req.agencyCode,
        channel: req.channel,
        queueId: req.queueId,
        includeRetired: req.includeRetired,
        after: req.pageToken ? Buffer.from(req.pageToken, 'base64url').toString() : '',
        limit: limit + 1,
      });
      const page = services.slice(0, limit);
      const next = services.length > limit ? Buffer.from(page[page.length - 1]!.code).toString('base64url') : '';
      return { services: page, nextPageToken: next };
    },
    async searchServices(req) {
      if (req.limit > 100) throw new AppError('invalid', 'limit is at most 100', { violations: [{ field: 'limit', reason: 'at most 100' }] });
      if (req.query.length > 200) throw new AppError('invalid', 'query is longer than 200 characters', { violations: [{ field: 'query', reason: 'longer than 200 characters' }] });
      const hits = await queries.search(present(req.mallId, 'mall_id'), req.query, req.limit || 20);
      return { hits };
    },
    async getService(req) {
      const r = found(await queries.service(present(req.serviceId, 'service_id')), `service ${req.serviceId}`);
      // Citizens see the six public components only.
      return { service: r.service, agencyName: r.agencyName, ...(r.standard ? { standard: { ...r.standard, internal: create(InternalStandardSchema) } } : {}) };
    },
    async getStandard(req, ctx) {
      authorizeStaffRead(ctx.actor);
      const r = found(await queries.service(present(req.serviceId, 'service_id')), `service ${req.serviceId}`);
      const standard = found(r.standard, `standard for service ${req.serviceId}`);
      const mall = await queries.mall(r.service.mallId);
      const today = localDate(deps.now(), (mall?.mall.timeZone ?? 'Asia/Jakarta') as MallTimeZone);
      return { standard, reviewOverdue: reviewOverdue(standard, today) };
    },
    async listMobileVisits(req) {
      return { visits: await queries.mobileVisits(present(req.mallId, 'mall_id'), req.from, req.to) };
    },
    async getOfficer(req, ctx) {
      authorizeStaffRead(ctx.actor);
      const officer = await queries.officer(present(req.subject, 'subject'));
      // Someone outside the officer's roster learns nothing, not even that it exists.
      if (officer) {
        try {
          rosterScope(ctx.actor, officer.mallId, officer.agencyCode);
        } catch {
          throw new AppError('not_found', `no officer ${req.subject}`);
        }
      }
      return { officer: found(officer, `officer ${req.subject}`) };
    },
    async listOfficers(req, ctx) {
      const scope = rosterScope(ctx.actor, present(req.mallId, 'mall_id'), req.agencyCode);
      return { officers: await queries.officers(scope.mallId, scope.agencyCode) };
    },
    importCatalog: (req, ctx) => importStream(deps.store, req, ctx.actor),
    async checkServiceOpen(req) {
      const r = found(await queries.service(present(req.serviceId, 'service_id')), `service ${req.serviceId}`);
      const mall = found(await queries.mall(r.service.mallId), `mall ${r.service.mallId}`);
      const [booths, agencyStatus] = await Promise.all([queries.boothsByIds(r.service.boothIds), queries.membershipStatus(r.service.agencyCode, r.service.mallId)]);
      const at = req.at ? timestampDate(req.at) : deps.now();
      const answer = checkOpen({ mall: mall.mall, service: r.service, booths, agencyStatus }, at);
      return {
        open: answer.open,
        reason: answer.reason,
        detail: answer.detail,
        ...(answer.opensAt ? { opensAt: timestampFromDate(answer.opensAt) } : {}),
        ...(answer.closesAt ? { closesAt: timestampFromDate(answer.closesAt) } : {}),
      };
    },
  };
}
