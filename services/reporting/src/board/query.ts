import { create } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { BoardSchema, type Board } from '@mpp/contracts';
import { AppError } from '@mpp/errors';
import type pg from 'pg';

const NEXT = 5;

/** A mall's board as of `now`, read from the `board` projection (its live version, through the views). */
export async function readBoard(db: pg.Pool, schema: string, mallId: string, now: Date): Promise<Board> {
  if (mallId === '') throw new AppError('invalid', 'mall_id is required', { violations: [{ field: 'mall_id', reason: 'is required' }] });
  const t = (name: string) => `"${schema}".${name}`;
  const [counters, queues, notice] = await Promise.all([
    db.query<{ counter_id: string; name: string; status: string; ticket_number: string; ticket_status: string; called_at: Date | null }>(
      `select counter_id, name, status, ticket_number, ticket_status, called_at from ${t('board_counters')} where mall_id = $1 order by length(counter_id), counter_id`,
      [mallId],
    ),
    db.query<{ queue_id: string; prefix: string; name: string; waiting: number; first_since: Date | null; next: string[] | null }>(
      `select q.queue_id, q.prefix, q.name,
              (select count(*)::int from ${t('board_tickets')} w where w.queue_id = q.queue_id and w.status = 'waiting') as waiting,
              (select min(queued_since) from ${t('board_tickets')} w where w.queue_id = q.queue_id and w.status = 'waiting') as first_since,
              array(select number from ${t('board_tickets')} w where w.queue_id = q.queue_id and w.status = 'waiting' order by queued_since, sequence limit ${NEXT}) as next
         from ${t('board_queues')} q where q.mall_id = $1 and q.active order by q.prefix`,
      [mallId],
    ),
    db.query<{ kind: string; text_id: string; text_en: string }>(`select kind, text_id, text_en from ${t('board_notices')} where mall_id = $1 and active`, [mallId]),
  ]);
  if (counters.rows.length === 0 && queues.rows.length === 0 && notice.rows.length === 0) {
    const known = await db.query(`select 1 from ${t('dir_malls')} where mall_id = $1`, [mallId]);
    if (known.rows.length === 0) throw new AppError('not_found', `no mall ${mallId} is known to reporting (yet): check the id`, { violations: [{ field: 'mall_id', reason: 'unknown mall' }] });
  }
  return create(BoardSchema, {
    mallId,
    counters: counters.rows.map((c) => ({ counterId: c.counter_id, name: c.name, status: c.status, ticketNumber: c.ticket_number, ticketStatus: c.ticket_status, ...(c.called_at ? { calledAt: timestampFromDate(c.called_at) } : {}) })),
    queues: queues.rows.map((q) => ({
      queueId: q.queue_id,
      prefix: q.prefix,
      name: q.name,
      waiting: q.waiting,
      longestWaitMinutes: q.first_since ? Math.max(0, Math.floor((now.getTime() - q.first_since.getTime()) / 60_000)) : 0,
      nextNumbers: q.next ?? [],
    })),
    ...(notice.rows[0] ? { notice: { kind: notice.rows[0].kind, textId: notice.rows[0].text_id, textEn: notice.rows[0].text_en } } : {}),
    asOf: timestampFromDate(now),
  });
}
