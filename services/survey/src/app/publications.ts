import { fromJson, type JsonValue } from '@bufbuild/protobuf';
import { timestampMs } from '@bufbuild/protobuf/wkt';
import { FollowUpActionSchema, FollowUpStatus, PublishedResultsSchema, Role, type Actor, type FollowUpAction, type PublishedResults } from '@mpp/contracts';
import { AppError } from '@mpp/errors';
import type { Clock, CommandHandler } from '@mpp/eventstore';
import { parsePeriod } from '@mpp/ikm';
import type pg from 'pg';
import type { FollowUpCommand, FollowUpState } from '../domain/publication/follow-up.js';
import type { PublicationCommand, PublicationState } from '../domain/publication/publication.js';
import { authorizeStaff, commandContext } from './authorize.js';
import { recordId } from './ids.js';
import type { createIkm } from './ikm.js';

const DAY_MS = 86_400_000;
const ID = /^[A-Za-z0-9_-]{16,64}$/;

export interface FollowUpReport {
  readonly actions: FollowUpAction[];
  readonly done: number;
  readonly shareDone: number;
  readonly overdue: number;
  readonly meanDaysToDone: number;
}

/** Publication of a period's results (frozen, then public) and the follow-up of their findings. */
export function createPublications(deps: {
  publications: CommandHandler<PublicationState, PublicationCommand>;
  followUps: CommandHandler<FollowUpState, FollowUpCommand>;
  ikm: ReturnType<typeof createIkm>;
  db: pg.Pool;
  schema: string;
  clock: Clock;
  /** Days a survey stays open (SURVEY_INVITATION_DAYS). */
  surveyDays: number;
}) {
  const { publications, followUps, ikm, db, clock } = deps;
  const t = (name: string) => `"${deps.schema}".${name}`;
  const today = () => clock.now().toISOString().slice(0, 10);
  const periodOf = (label: string) => {
    const p = parsePeriod(label);
    if (!p) throw new AppError('invalid', 'period must be 2026-11, 2026-Q4, 2026-S2, 2026 or 2026-01-01..2026-03-31', { violations: [{ field: 'period', reason: 'is not a period' }] });
    return p;
  };

  return {
    async publish(actor: Actor | undefined, mallId: string, label: string): Promise<PublishedResults> {
      if (!actor || (actor.role !== Role.SYSTEM && !(actor.role === Role.MALL_ADMIN && actor.mallId === mallId))) throw new AppError('forbidden', `only the mall-admin of ${mallId} publishes its SKM results`);
      const period = periodOf(label);
      const results = await ikm.unitResults(mallId, period);
      const r = await publications(`skm-results-${mallId}-${period.label}`, { kind: 'publish', mallId, period, results, today: today(), surveyDays: deps.surveyDays, at: clock.now() }, commandContext(actor, { mallId }));
      return r.state.published!;
    },

    /** Public: only published periods exist here. */
    async published(mallId: string, label: string): Promise<PublishedResults[]> {
      if (mallId === '') throw new AppError('invalid', 'mall_id is required', { violations: [{ field: 'mall_id', reason: 'is required' }] });
      if (label !== '') periodOf(label);
      const { rows } = await db.query<{ data: unknown }>(`select data from ${t('survey_published')} where mall_id = $1 and ($2 = '' or period = $2) order by published_at desc`, [mallId, label]);
      return rows.map((r) => fromJson(PublishedResultsSchema, r.data as JsonValue, { ignoreUnknownFields: true }));
    },

    async plan(actor: Actor | undefined, action: Omit<FollowUpAction, '$typeName' | 'status' | 'createdAt' | 'doneAt' | 'note' | 'id'>, requestId: string): Promise<FollowUpAction> {
      if (action.mallId === '') throw new AppError('invalid', 'mall_id is required', { violations: [{ field: 'mall_id', reason: 'is required' }] });
      authorizeStaff(actor, action.mallId, action.agencyCode, 'plan follow-up actions');
      const id = recordId(action.mallId, requestId);
      const r = await followUps(`follow-up-${id}`, { kind: 'plan', action: { ...action, id }, at: clock.now() }, commandContext(actor, { mallId: action.mallId, agencyCode: action.agencyCode }));
      return r.state.action!;
    },

    async setStatus(actor: Actor | undefined, id: string, status: FollowUpStatus, note: string): Promise<FollowUpAction> {
      if (!ID.test(id)) throw new AppError('not_found', 'no such follow-up action', { violations: [{ field: 'action_id', reason: 'is not an action id' }] });
      const { state } = await followUps.read(`follow-up-${id}`);
      if (!state.action) throw new AppError('not_found', 'no such follow-up action');
      authorizeStaff(actor, state.action.mallId, state.action.agencyCode, 'update follow-up actions');
      const r = await followUps(`follow-up-${id}`, { kind: 'set-status', status, note, at: clock.now() }, commandContext(actor, { mallId: state.action.mallId, agencyCode: state.action.agencyCode }));
      return r.state.action!;
    },

    /** A period's actions with what the evaluation scores: the share done, how many are late, how fast. */
    async list(actor: Actor | undefined, mallId: string, label: string): Promise<FollowUpReport> {
      if (mallId === '') throw new AppError('invalid', 'mall_id is required', { violations: [{ field: 'mall_id', reason: 'is required' }] });
      periodOf(label);
      const agency = actor?.role === Role.AGENCY_ADMIN || actor?.role === Role.OFFICER ? actor.agencyCode : '';
      authorizeStaff(actor, mallId, agency, 'read follow-up actions', { officers: true });
      const { rows } = await db.query<{ data: unknown }>(`select data from ${t('survey_follow_ups')} where mall_id = $1 and period = $2 and ($3 = '' or agency_code = $3) order by due_date, id`, [mallId, label, agency]);
      const actions = rows.map((r) => fromJson(FollowUpActionSchema, r.data as JsonValue, { ignoreUnknownFields: true }));
      const done = actions.filter((a) => a.status === FollowUpStatus.DONE);
      const days = done.map((a) => (timestampMs(a.doneAt!) - timestampMs(a.createdAt!)) / DAY_MS);
      return {
        actions,
        done: done.length,
        shareDone: actions.length === 0 ? 0 : done.length / actions.length,
        overdue: actions.filter((a) => a.status !== FollowUpStatus.DONE && a.dueDate < today()).length,
        meanDaysToDone: days.length === 0 ? 0 : days.reduce((a, b) => a + b, 0) / days.length,
      };
    },
  };
}
