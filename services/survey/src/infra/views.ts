import { fromJson, toJson, type JsonValue } from '@bufbuild/protobuf';
import { timestampDate, type Timestamp } from '@bufbuild/protobuf/wkt';
import { ComplaintSchema, FollowUpActionSchema, PublishedResultsSchema, type Complaint, type FollowUpAction, type PublishedResults, type SurveyResponse } from '@mpp/contracts';
import { followUp } from '../domain/publication/follow-up.js';
import { upsert, type ProjectionDefinition } from '@mpp/eventstore';
import * as E from '../domain/events.js';
import { complaint as complaintDecider, type ComplaintState } from '../domain/complaint/complaint.js';
import { surveyEvents } from '../domain/events.js';

const TABLES = ['survey_responses', 'survey_complaints', 'survey_published', 'survey_follow_ups'] as const;
export type ViewTables = Readonly<Record<(typeof TABLES)[number], string>>;

const date = (t: Timestamp | undefined) => (t ? timestampDate(t) : null);

/**
 * The survey's own read model, from its own log: responses (answers only, no profile or
 * suggestion: the IKM reads them by unit and period) and complaints (their current state, for
 * lists and deadlines).
 */
export const surveyView: ProjectionDefinition = {
  name: 'survey_view',
  tables: TABLES,
  async setup(tx, names) {
    const t = names as ViewTables;
    await tx.query(`
      create table if not exists ${t.survey_responses} (
        ticket_id text primary key, mall_id text not null, agency_code text not null, service_id text not null, date text not null,
        answers smallint[] not null, submitted_at timestamptz not null);
      create table if not exists ${t.survey_complaints} (
        id text primary key, mall_id text not null, agency_code text not null, status integer not null,
        received_at timestamptz not null, respond_by timestamptz not null, resolve_by timestamptz not null, data jsonb not null);
      create table if not exists ${t.survey_published} (mall_id text not null, period text not null, published_at timestamptz not null, data jsonb not null, primary key (mall_id, period));
      create table if not exists ${t.survey_follow_ups} (
        id text primary key, mall_id text not null, period text not null, agency_code text not null, status integer not null,
        due_date text not null, created_at timestamptz not null, done_at timestamptz, data jsonb not null);
    `);
  },
  async apply(event, tx, names) {
    const t = names as ViewTables;
    if (!surveyEvents.get(event.type)) return;
    const decoded = surveyEvents.decode(event);
    if (decoded.type === E.ResponseSubmitted) {
      const r = (decoded.message as unknown as { response: SurveyResponse }).response;
      await upsert(tx, t.survey_responses, { ticket_id: r.ticketId, mall_id: r.mallId, agency_code: r.agencyCode, service_id: r.serviceId, date: r.date, answers: r.answers, submitted_at: date(r.submittedAt) }, ['ticket_id']);
      return;
    }
    if (decoded.type === E.ResultsPublished) {
      const r = (decoded.message as unknown as { results: PublishedResults }).results;
      await upsert(tx, t.survey_published, { mall_id: r.mallId, period: r.period, published_at: date(r.publishedAt), data: JSON.stringify(toJson(PublishedResultsSchema, r)) }, ['mall_id', 'period']);
      return;
    }
    if (decoded.type === E.FollowUpPlanned || decoded.type === E.FollowUpStatusChanged) {
      const id = (decoded.message as unknown as { action?: FollowUpAction; actionId?: string }).action?.id ?? (decoded.message as unknown as { actionId: string }).actionId;
      const { rows } = await tx.query<{ data: unknown }>(`select data from ${t.survey_follow_ups} where id = $1`, [id]);
      const before = { action: rows[0] ? fromJson(FollowUpActionSchema, rows[0].data as JsonValue, { ignoreUnknownFields: true }) : undefined };
      const a = followUp.evolve(before, decoded).action;
      if (!a) return;
      await upsert(tx, t.survey_follow_ups, {
        id: a.id, mall_id: a.mallId, period: a.period, agency_code: a.agencyCode, status: a.status, due_date: a.dueDate,
        created_at: date(a.createdAt), done_at: date(a.doneAt), data: JSON.stringify(toJson(FollowUpActionSchema, a)),
      });
      return;
    }
    if (!decoded.type.name.startsWith('id.mpp.survey.Complaint')) return;
    // A complaint's row is its state after the event: the decider's own evolve, from the row before.
    const id = (decoded.message as unknown as { complaint?: Complaint; complaintId?: string }).complaint?.id ?? (decoded.message as unknown as { complaintId: string }).complaintId;
    const { rows } = await tx.query<{ data: unknown }>(`select data from ${t.survey_complaints} where id = $1`, [id]);
    const before: ComplaintState = { complaint: rows[0] ? fromRow(rows[0].data) : undefined, overdue: [] };
    const c = complaintDecider.evolve(before, decoded).complaint;
    if (!c) return;
    await upsert(tx, t.survey_complaints, {
      id: c.id, mall_id: c.mallId, agency_code: c.agencyCode, status: c.status,
      received_at: date(c.receivedAt), respond_by: date(c.respondBy), resolve_by: date(c.resolveBy),
      data: JSON.stringify(toJson(ComplaintSchema, c)),
    });
  },
};

/** A complaint as its row keeps it. */
export const fromRow = (data: unknown): Complaint => fromJson(ComplaintSchema, data as JsonValue, { ignoreUnknownFields: true });
