import { create } from '@bufbuild/protobuf';
import { AgencySchema, CatalogService, ChannelSchema, ImportReportSchema, MallSchema, MembershipSchema, type ImportReport } from '@mpp/contracts';
import { AppError } from '@mpp/errors';
import type { RoleName } from '../auth/roles.js';
import { enumWords, messageSchema } from '../http/proto-json.js';
import { bodyOf, responseOf, DATE, PUBLIC, requestOf, restOf, rpcRoute, unary, type RouteSpec } from './route.js';

const m = CatalogService.method;
const tag = 'catalog';
const ADMINS: readonly RoleName[] = ['mall-admin', 'agency-admin'];
const MALL_ADMIN: readonly RoleName[] = ['mall-admin'];
/** The mall record's field schemas, for the hours routes. */
const MALL_IN = messageSchema(MallSchema, 'in').properties as Record<string, object>;
const MALL_OUT = messageSchema(MallSchema, 'out').properties as Record<string, object>;
const STAFF: readonly RoleName[] = ['officer', 'agency-admin', 'mall-admin', 'auditor'];

/** Catalog: public reads (kiosks, the public catalog page) and the admins' edits (DESIGN.md §6). */
export const catalogRoutes: RouteSpec[] = [
  rpcRoute({ method: 'GET', url: '/malls', summary: 'Every mall of this deployment', tag, roles: PUBLIC, service: 'catalog', rpc: m.listMalls }),
  rpcRoute({ method: 'GET', url: '/malls/:mallId', summary: 'A mall with its queue policy and notice', tag, roles: PUBLIC, service: 'catalog', rpc: m.getMall }),
  rpcRoute({ method: 'GET', url: '/malls/:mallId/agencies', summary: 'The agencies (instansi) serving in a mall', tag, roles: PUBLIC, service: 'catalog', rpc: m.listAgencies }),
  rpcRoute({ method: 'GET', url: '/agencies/:code', summary: 'An agency with its memberships', tag, roles: PUBLIC, service: 'catalog', rpc: m.getAgency }),
  rpcRoute({ method: 'GET', url: '/malls/:mallId/booths', summary: 'The booths (gerai) of a mall with their counters (loket)', tag, roles: PUBLIC, service: 'catalog', rpc: m.listBooths }),
  rpcRoute({ method: 'GET', url: '/malls/:mallId/queues', summary: 'The queues (antrian) of a mall', tag, roles: PUBLIC, service: 'catalog', rpc: m.listQueues }),
  {
    method: 'GET',
    url: '/malls/:mallId/services',
    summary: 'Services of a mall: a search (`q`, typo-tolerant, ranked) or a filtered list by agency and channel',
    tag,
    roles: PUBLIC,
    query: {
      type: 'object',
      additionalProperties: false,
      properties: {
        q: { type: 'string', minLength: 1, maxLength: 200 },
        agency: { type: 'string', maxLength: 64 },
        channel: { type: 'string', enum: enumWords(ChannelSchema) },
        limit: { type: 'integer', minimum: 1, maximum: 100 },
        pageSize: { type: 'integer', minimum: 1, maximum: 500 },
        pageToken: { type: 'string', maxLength: 200 },
        includeRetired: { type: 'boolean', description: 'list retired services too (admin screens)' },
      },
    },
    async handler(ctx) {
      const q = ctx.query as { q?: string; agency?: string; channel?: string; limit?: number; pageSize?: number; pageToken?: string; includeRetired?: boolean };
      if (q.q !== undefined) {
        if (q.agency !== undefined || q.channel !== undefined) throw new AppError('invalid', 'a search (q) takes no agency or channel filter; search, then filter the hits', { violations: [{ field: 'query.q', reason: 'cannot be combined with agency or channel' }] });
        const res = await unary(ctx.clients.catalog, m.searchServices, { mallId: ctx.params.mallId!, query: q.q, limit: q.limit ?? 20 }, ctx.call);
        return restOf(m.searchServices.output, res);
      }
      const request = {
        mallId: ctx.params.mallId!,
        ...(q.agency ? { agencyCode: q.agency } : {}),
        ...(q.pageSize ? { pageSize: q.pageSize } : {}),
        ...(q.pageToken ? { pageToken: q.pageToken } : {}),
        ...(q.includeRetired ? { includeRetired: true } : {}),
      };
      const res = await unary(ctx.clients.catalog, m.listServices, requestOf(m.listServices.input, q.channel ? { channel: q.channel } : {}, request), ctx.call);
      return restOf(m.listServices.output, res);
    },
  },
  rpcRoute({ method: 'GET', url: '/services/:serviceId', summary: 'A service with its agency and its published standard', tag, roles: PUBLIC, service: 'catalog', rpc: m.getService }),
  rpcRoute({ method: 'GET', url: '/services/:serviceId/standard', summary: 'A service’s full standard (internal components too) and whether its review is overdue', tag, roles: STAFF, service: 'catalog', rpc: m.getStandard }),
  rpcRoute({
    method: 'GET',
    url: '/malls/:mallId/mobile-schedule',
    summary: 'MPP Bergerak: the mobile unit’s visits',
    tag,
    roles: PUBLIC,
    service: 'catalog',
    rpc: m.listMobileVisits,
    query: { from: { field: 'from', schema: DATE }, to: { field: 'to', schema: DATE } },
  }),
  {
    method: 'GET',
    url: '/malls/:mallId/hours',
    summary: 'Opening hours, holidays and special days of a mall',
    tag,
    roles: PUBLIC,
    response: { type: 'object', properties: { mallId: { type: 'string' }, timeZone: { type: 'string' }, weeklyHours: MALL_OUT.weeklyHours, specialDays: MALL_OUT.specialDays } },
    async handler(ctx) {
      const res = await unary(ctx.clients.catalog, m.getMall, { mallId: ctx.params.mallId! }, ctx.call);
      const mall = restOf(MallSchema, res.mall ?? create(MallSchema));
      return { mallId: mall.id, timeZone: mall.timeZone, weeklyHours: mall.weeklyHours, specialDays: mall.specialDays };
    },
  },
  {
    method: 'PUT',
    url: '/malls/:mallId/hours',
    summary: 'Set a mall’s weekly opening hours and special days (holidays, extended days); the rest of the mall stays as it is',
    tag,
    roles: MALL_ADMIN,
    body: {
      type: 'object',
      additionalProperties: false,
      required: ['weeklyHours'],
      properties: { weeklyHours: MALL_IN.weeklyHours, specialDays: MALL_IN.specialDays },
    },
    response: responseOf(m.putMall.output),
    async handler(ctx) {
      const current = await unary(ctx.clients.catalog, m.getMall, { mallId: ctx.params.mallId! }, ctx.call);
      const mall = restOf(MallSchema, current.mall ?? create(MallSchema));
      const body = ctx.body as { weeklyHours: never; specialDays?: never };
      const request = requestOf(m.putMall.input, { mall: { ...mall, weeklyHours: body.weeklyHours, specialDays: body.specialDays ?? mall.specialDays } });
      return restOf(m.putMall.output, await unary(ctx.clients.catalog, m.putMall, request, ctx.call));
    },
  },
  rpcRoute({ method: 'PUT', url: '/malls/:mallId', summary: 'Create or update a mall (hours and special days included)', tag, roles: MALL_ADMIN, service: 'catalog', rpc: m.putMall, record: 'mall', paramFields: { mallId: 'id' } }),
  rpcRoute({ method: 'POST', url: '/malls/:mallId/national-holidays', summary: 'Load a year’s national holidays as the mall’s closed days', tag, roles: MALL_ADMIN, service: 'catalog', rpc: m.loadNationalHolidays }),
  rpcRoute({ method: 'PUT', url: '/malls/:mallId/queue-policy', summary: 'Priority groups, weights, interleave ratio, recalls before a no-show', tag, roles: MALL_ADMIN, service: 'catalog', rpc: m.setQueuePolicy, record: 'policy' }),
  rpcRoute({ method: 'PUT', url: '/malls/:mallId/notice', summary: 'The emergency or information notice on the mall’s display boards', tag, roles: MALL_ADMIN, service: 'catalog', rpc: m.setNotice, record: 'notice' }),
  {
    method: 'PUT',
    url: '/malls/:mallId/agencies/:code',
    summary: 'Create or update an agency and its membership of the mall (an agency leaving: membership status left)',
    tag,
    roles: ADMINS,
    body: {
      type: 'object',
      additionalProperties: false,
      required: ['agency'],
      properties: { agency: bodyOf(AgencySchema, ['code', 'memberships']), membership: bodyOf(MembershipSchema, ['mallId']) },
    },
    response: responseOf(m.putAgency.output),
    async handler(ctx) {
      const body = ctx.body as { agency: Record<string, never>; membership?: Record<string, never> };
      const request = requestOf(m.putAgency.input, {
        agency: { ...body.agency, code: ctx.params.code! },
        ...(body.membership ? { membership: { ...body.membership, mallId: ctx.params.mallId! } } : {}),
      });
      return restOf(m.putAgency.output, await unary(ctx.clients.catalog, m.putAgency, request, ctx.call));
    },
  },
  rpcRoute({ method: 'PUT', url: '/malls/:mallId/booths/:boothId', summary: 'Create, update or retire (active: false) a booth', tag, roles: MALL_ADMIN, service: 'catalog', rpc: m.putBooth, record: 'booth', paramFields: { boothId: 'id' } }),
  rpcRoute({ method: 'PUT', url: '/malls/:mallId/counters/:counterId', summary: 'Create, update or retire a counter', tag, roles: ADMINS, service: 'catalog', rpc: m.putCounter, record: 'counter', paramFields: { counterId: 'id' } }),
  rpcRoute({ method: 'PUT', url: '/malls/:mallId/queues/:queueId', summary: 'Create, update or retire a queue', tag, roles: MALL_ADMIN, service: 'catalog', rpc: m.putQueue, record: 'queue', paramFields: { queueId: 'id' } }),
  rpcRoute({ method: 'PUT', url: '/malls/:mallId/services/:serviceId', summary: 'Create, update or retire (status: retired) a service', tag, roles: ADMINS, service: 'catalog', rpc: m.putService, record: 'service', paramFields: { serviceId: 'id' } }),
  rpcRoute({ method: 'PUT', url: '/malls/:mallId/services/:serviceId/standard', summary: 'Adopt or review a service’s standard (standar pelayanan)', tag, roles: ADMINS, service: 'catalog', rpc: m.putStandard, record: 'standard' }),
  rpcRoute({ method: 'PUT', url: '/malls/:mallId/mobile-schedule/:visitId', summary: 'Plan or change a mobile unit visit', tag, roles: MALL_ADMIN, service: 'catalog', rpc: m.putMobileVisit, record: 'visit', paramFields: { visitId: 'id' } }),
  rpcRoute({ method: 'DELETE', url: '/malls/:mallId/mobile-schedule/:visitId', summary: 'Cancel a mobile unit visit', tag, roles: MALL_ADMIN, service: 'catalog', rpc: m.cancelMobileVisit }),
  rpcRoute({ method: 'GET', url: '/malls/:mallId/officers', summary: 'The roster: officers and the counters they may work', tag, roles: ADMINS, service: 'catalog', rpc: m.listOfficers, query: { agency: { field: 'agencyCode', schema: { type: 'string', maxLength: 64 } } } }),
  rpcRoute({ method: 'PUT', url: '/malls/:mallId/officers/:subject', summary: 'Put an officer on the roster (or off it: active false)', tag, roles: ADMINS, service: 'catalog', rpc: m.putOfficer, record: 'officer' }),
];

const IMPORT_KINDS = ['malls', 'agencies', 'booths', 'counters', 'queues', 'services', 'standards', 'officers', 'mobile-visits'];

/** `POST /malls/{mallId}/import`: a catalog file (JSON, or CSV of one kind) applied all or nothing; `?dryRun=true` only checks. */
export const importRoute: RouteSpec = {
  method: 'POST',
  url: '/malls/:mallId/import',
  summary: 'Import catalog records from JSON or CSV (`?kind=services` for CSV); all or nothing, `?dryRun=true` to check only; row-by-row errors in the report',
  tag,
  roles: MALL_ADMIN,
  rawBody: true,
  bodyLimit: 20 * 1024 * 1024,
  query: {
    type: 'object',
    additionalProperties: false,
    properties: { dryRun: { type: 'boolean' }, kind: { type: 'string', enum: IMPORT_KINDS } },
  },
  response: responseOf(ImportReportSchema),
  async handler(ctx) {
    const q = ctx.query as { dryRun?: boolean; kind?: string };
    const type = String(ctx.request.headers['content-type'] ?? '').split(';')[0]!.trim();
    const csv = type === 'text/csv';
    if (csv && !q.kind) throw new AppError('invalid', 'a CSV file holds one kind of record: say which with ?kind=services (or malls, agencies, booths, …)', { violations: [{ field: 'query.kind', reason: 'is required for CSV' }] });
    const text = csv ? String(ctx.body ?? '') : JSON.stringify(ctx.body ?? null);
    const fileName = csv ? `${q.kind}.csv` : 'import.json';
    let report: ImportReport | undefined;
    const stream = (ctx.clients.catalog.importCatalog as (req: object, opts: object) => AsyncIterable<{ event: { case: string; value: unknown } }>)(
      { fileName, content: new TextEncoder().encode(text), dryRun: q.dryRun ?? false },
      { ...ctx.call, timeoutMs: 10 * 60_000 },
    );
    for await (const item of stream) if (item.event.case === 'report') report = item.event.value as ImportReport;
    if (!report) throw new AppError('unavailable', 'the catalog ended the import without a report; try again');
    return restOf(ImportReportSchema, report);
  },
};
