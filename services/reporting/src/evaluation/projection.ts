import { timestampDate, type Timestamp } from '@bufbuild/protobuf/wkt';
import { FollowUpPlannedSchema, FollowUpStatus, FollowUpStatusChangedSchema, ResultsPublishedSchema, type FollowUpAction, type PublishedResults } from '@mpp/contracts';
import { EventTypes, upsert, type ProjectionDefinition } from '@mpp/eventstore';

/** The survey's events the evaluation evidence reads beyond satisfaction's (through the contracts only). */
const events = new EventTypes();
const ResultsPublished = events.register(ResultsPublishedSchema);
const FollowUpPlanned = events.register(FollowUpPlannedSchema);
const FollowUpStatusChanged = events.register(FollowUpStatusChangedSchema);

const TABLES = ['eval_publications', 'eval_follow_ups'] as const;
export type EvaluationTables = Readonly<Record<(typeof TABLES)[number], string>>;

const FOLLOW_UP_STATUS: Record<number, string> = { [FollowUpStatus.PLANNED]: 'planned', [FollowUpStatus.IN_PROGRESS]: 'in progress', [FollowUpStatus.DONE]: 'done' };

/**
 * The SKM's publication and follow-up (what the ministry scores under service policy): each
 * period's publication with its date (first wins), and each follow-up action with its status and
 * when it was done. A status change carries its time, so the latest change wins whatever the order.
 */
export const evaluation: ProjectionDefinition = {
  name: 'evaluation',
  tables: TABLES,
  async setup(tx, names) {
    const t = names as EvaluationTables;
    await tx.query(`
      create table if not exists ${t.eval_publications} (mall_id text not null, period text not null, from_date text not null, to_date text not null, published_at timestamptz not null, primary key (mall_id, period));
      create table if not exists ${t.eval_follow_ups} (
        id text primary key, mall_id text, period text, element text, agency_code text, action text, owner text, due_date text,
        created_at timestamptz, status text, status_at timestamptz, done_at timestamptz);
    `);
  },
  async apply(event, tx, names) {
    const t = names as EvaluationTables;
    const type = events.get(event.type);
    if (!type) return;
    const m = events.decode(event).message as unknown as { results?: PublishedResults; action?: FollowUpAction; actionId?: string; status?: FollowUpStatus; at?: Timestamp };
    switch (type) {
      case ResultsPublished: {
        const r = m.results!;
        await tx.query(`insert into ${t.eval_publications} values ($1, $2, $3, $4, $5) on conflict do nothing`, [r.mallId, r.period, r.from, r.to, r.publishedAt ? timestampDate(r.publishedAt) : event.recordedAt]);
        return;
      }
      case FollowUpPlanned: {
        const a = m.action!;
        const created = a.createdAt ? timestampDate(a.createdAt) : event.recordedAt;
        // The plan's own fields; its status only if no later change has arrived first.
        await upsert(tx, t.eval_follow_ups, { id: a.id, mall_id: a.mallId, period: a.period, element: a.element, agency_code: a.agencyCode, action: a.action, owner: a.owner, due_date: a.dueDate, created_at: created }, ['id']);
        await tx.query(`update ${t.eval_follow_ups} set status = $2, status_at = $3 where id = $1 and status_at is null`, [a.id, FOLLOW_UP_STATUS[a.status] ?? 'planned', created]);
        return;
      }
      case FollowUpStatusChanged: {
        const at = m.at ? timestampDate(m.at) : event.recordedAt;
        const status = FOLLOW_UP_STATUS[m.status!] ?? 'planned';
        await tx.query(
          `insert into ${t.eval_follow_ups} as f (id, status, status_at, done_at) values ($1, $2, $3, case when $2 = 'done' then $3::timestamptz end)
           on conflict (id) do update set status = excluded.status, status_at = excluded.status_at, done_at = coalesce(f.done_at, excluded.done_at)
           where f.status_at is null or f.status_at <= excluded.status_at`,
          [m.actionId, status, at],
        );
        return;
      }
      default:
        return;
    }
  },
};
