import { ExportFormat, ReportingService, ReportUnitSchema, StatisticsGroupSchema, TimeBucketSchema } from '@mpp/contracts';
import { AppError } from '@mpp/errors';
import type { RoleName } from '../auth/roles.js';
import { enumWords } from '../http/proto-json.js';
import { DATE, PERIOD, PUBLIC, queryOf, requestOf, responseOf, restOf, rpcRoute, unary, type RouteSpec } from './route.js';

const m = ReportingService.method;
const tag = 'reports';
const STAFF: readonly RoleName[] = ['officer', 'agency-admin', 'mall-admin', 'auditor'];
const AUDIT: readonly RoleName[] = ['mall-admin', 'auditor'];

const statisticsQuery = {
  groupBy: { type: 'string', enum: enumWords(StatisticsGroupSchema) },
  bucket: { type: 'string', enum: enumWords(TimeBucketSchema) },
  agency: { type: 'string', maxLength: 64 },
};

function statistics(url: string, summary: string, periodParam: 'date' | 'period'): RouteSpec {
  return {
    method: 'GET',
    url,
    summary,
    tag,
    roles: STAFF,
    query: queryOf({ [periodParam]: periodParam === 'date' ? DATE : PERIOD, ...statisticsQuery }, [periodParam]),
    response: responseOf(m.getStatistics.output),
    async handler(ctx) {
      const q = ctx.query as { date?: string; period?: string; groupBy?: string; bucket?: string; agency?: string };
      const request = requestOf(m.getStatistics.input, {
        mallId: ctx.params.mallId!,
        period: (q.date ?? q.period)!,
        groupBy: q.groupBy ?? 'service',
        bucket: q.bucket ?? (periodParam === 'date' ? 'hour' : 'period'),
        ...(q.agency ? { agencyCode: q.agency } : {}),
      });
      return restOf(m.getStatistics.output, await unary(ctx.clients.reporting, m.getStatistics, request, ctx.call));
    },
  };
}

const EXPORTS: Record<string, ExportFormat> = {
  'text/csv': ExportFormat.CSV,
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': ExportFormat.XLSX,
};

/** The first media type of an Accept header the evaluation speaks (JSON unless CSV or XLSX is preferred). */
function exportFormatOf(accept: string | undefined): ExportFormat | undefined {
  if (!accept) return undefined;
  const wanted = accept
    .split(',')
    .map((part) => {
      const [type, ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { type: type!.trim().toLowerCase(), q: q ? Number(q.slice(2)) : 1 };
    })
    .filter((w) => w.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const w of wanted) {
    if (w.type in EXPORTS) return EXPORTS[w.type];
    if (w.type === 'application/json' || w.type === '*/*' || w.type === 'application/*') return undefined;
  }
  if (wanted.length > 0) throw new AppError('invalid', `the evaluation is served as application/json, text/csv or ${Object.keys(EXPORTS)[1]}; Accept names none of them`);
  return undefined;
}

/** The board, reports and evaluation evidence (DESIGN.md §6); the board's live stream is in board-stream.ts. */
export const reportingRoutes: RouteSpec[] = [
  rpcRoute({ method: 'GET', url: '/malls/:mallId/board', summary: 'The display board: current calls per counter, queues, the notice', tag: 'board', roles: PUBLIC, service: 'reporting', rpc: m.getBoard }),
  statistics('/malls/:mallId/reports/daily', 'A day’s service statistics: issued, served, waiting, wait and service times against the standard, no-shows; by service (or groupBy) and hour (or bucket)', 'date'),
  statistics('/malls/:mallId/reports/statistics', 'Service statistics over a period (month, quarter, semester, year or a range)', 'period'),
  {
    method: 'GET',
    url: '/malls/:mallId/reports/ikm',
    summary: 'The IKM (SKM index) with grade and per-element NRR of the mall, an agency, a booth or a service over a period (`period`, or `from` and `to`)',
    tag,
    roles: STAFF,
    query: queryOf({ period: PERIOD, from: DATE, to: DATE, unit: { type: 'string', enum: enumWords(ReportUnitSchema) }, unitId: { type: 'string', maxLength: 128 } }),
    response: responseOf(m.getSatisfaction.output),
    async handler(ctx) {
      const q = ctx.query as { period?: string; from?: string; to?: string; unit?: string; unitId?: string };
      const period = q.period ?? (q.from && q.to ? `${q.from}..${q.to}` : undefined);
      if (!period || (q.period && (q.from || q.to))) throw new AppError('invalid', 'name the period: ?period=2026-Q4, or ?from=2026-10-01&to=2026-12-31', { violations: [{ field: 'query.period', reason: 'give period, or from and to' }] });
      const request = requestOf(m.getSatisfaction.input, { mallId: ctx.params.mallId!, period, unit: q.unit ?? 'mall', ...(q.unitId ? { unitId: q.unitId } : {}) });
      return restOf(m.getSatisfaction.output, await unary(ctx.clients.reporting, m.getSatisfaction, request, ctx.call));
    },
  },
  rpcRoute({ method: 'GET', url: '/malls/:mallId/reports/fairness', summary: 'A day’s calls out of the policy’s order, each with its reason', tag, roles: AUDIT, service: 'reporting', rpc: m.getFairness, query: { date: { field: 'date', schema: DATE } } }),
  {
    method: 'GET',
    url: '/malls/:mallId/reports/evaluation',
    summary: 'Evidence for the ministry’s evaluation of a period: JSON, or CSV / XLSX by Accept (`?table=` picks one CSV table)',
    tag,
    roles: AUDIT,
    query: queryOf({ period: PERIOD, table: { type: 'string', maxLength: 64 } }, ['period']),
    response: responseOf(m.getEvaluation.output),
    async handler(ctx) {
      const q = ctx.query as { period: string; table?: string };
      const format = exportFormatOf(ctx.request.headers.accept);
      if (format === undefined) {
        if (q.table) throw new AppError('invalid', 'table picks one CSV table: ask for Accept: text/csv', { violations: [{ field: 'query.table', reason: 'only with Accept: text/csv' }] });
        return restOf(m.getEvaluation.output, await unary(ctx.clients.reporting, m.getEvaluation, { mallId: ctx.params.mallId!, period: q.period }, ctx.call));
      }
      const file = await unary(ctx.clients.reporting, m.exportEvaluation, { mallId: ctx.params.mallId!, period: q.period, format, ...(q.table ? { table: q.table } : {}) }, ctx.call);
      ctx.reply
        .code(200)
        .header('content-type', file.contentType)
        .header('content-disposition', `attachment; filename="${file.fileName.replace(/[^A-Za-z0-9._-]/g, '_')}"`)
        .send(Buffer.from(file.content));
      return ctx.reply;
    },
  },
];
