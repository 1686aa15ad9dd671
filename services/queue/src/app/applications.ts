import { fromJson, type JsonValue } from '@bufbuild/protobuf';
import { ApplicationSchema, type Actor, type Application, type ApplicationStatus } from '@mpp/contracts';
import { AppError } from '@mpp/errors';
import { isOverdue, normaliseTrackingCode } from '../domain/application/application.js';
import { dayOf } from '../domain/rules.js';
import { authorizeAgencyStaff, commandContext } from './authorize.js';
import type { Core } from './core.js';
import { streams } from './ids.js';

export interface ApplicationView {
  readonly application: Application;
  readonly overdue: boolean;
}

/** Multi-day applications: the citizen follows one by tracking code; the agency moves it on. */
export function createApplications(core: Core) {
  const { applications, clock, db, schema } = core;
  const table = `"${schema}".queue_applications`;

  async function viewOf(app: Application): Promise<ApplicationView> {
    const facts = await core.facts(app.serviceId).catch(() => undefined);
    const today = facts ? dayOf(facts.mall, clock.now()) : clock.now().toISOString().slice(0, 10);
    return { application: app, overdue: isOverdue(app, today) };
  }

  async function byId(id: string): Promise<Application> {
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(id)) throw new AppError('not_found', 'no such application');
    const { state } = await applications.read(streams.application(id));
    if (!state.application) throw new AppError('not_found', 'no such application');
    return state.application;
  }

  return {
    async get(req: { trackingCode: string; applicationId: string }): Promise<ApplicationView> {
      if (req.applicationId !== '') return viewOf(await byId(req.applicationId));
      const code = normaliseTrackingCode(req.trackingCode);
      if (!code) throw new AppError('invalid', 'not a tracking code', { violations: [{ field: 'tracking_code', reason: 'eight letters and digits, like KK74-QX9A' }] });
      const { rows } = await db.query<{ id: string }>(`select id from ${table} where tracking_code = $1`, [code]);
      if (!rows[0]) throw new AppError('not_found', `no application with tracking code ${code}`);
      return viewOf(await byId(rows[0].id));
    },

    async setStatus(actor: Actor | undefined, applicationId: string, status: ApplicationStatus, note: string): Promise<ApplicationView> {
      const current = await byId(applicationId);
      authorizeAgencyStaff(actor, current.mallId, current.agencyCode);
      const r = await applications(streams.application(applicationId), { kind: 'set-status', status, note, at: clock.now() }, commandContext(actor, { mallId: current.mallId, agencyCode: current.agencyCode, serviceId: current.serviceId }));
      return viewOf(r.state.application!);
    },

    async list(actor: Actor | undefined, mallId: string, agencyCode: string, overdueOnly: boolean): Promise<ApplicationView[]> {
      const agency = agencyCode !== '' ? agencyCode : (actor?.agencyCode ?? '');
      authorizeAgencyStaff(actor, mallId, agency);
      const { rows } = await db.query<{ data: unknown }>(`select data from ${table} where mall_id = $1 and ($2 = '' or agency_code = $2) order by due_date, id limit 1000`, [mallId, agency]);
      const views = await Promise.all(rows.map((r) => viewOf(fromJson(ApplicationSchema, r.data as JsonValue, { ignoreUnknownFields: true }))));
      return overdueOnly ? views.filter((v) => v.overdue) : views;
    },
  };
}
