import { create } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { CallRule, GetFairnessResponseSchema, type Actor, type GetFairnessResponse } from '@mpp/contracts';
import { AppError } from '@mpp/errors';
import { isCalendarDate } from '@mpp/opening-hours';
import type pg from 'pg';
import { authorizeAuditor, requireMall } from '../access.js';

/** A mall's day of calls: how many followed the policy, and every one that did not, with who, why and whom it passed over. */
export async function readFairness(db: pg.Pool, schema: string, actor: Actor | undefined, mallId: string, date: string): Promise<GetFairnessResponse> {
  requireMall(mallId);
  authorizeAuditor(actor, mallId, 'its calls');
  if (!isCalendarDate(date)) throw new AppError('invalid', 'date must be YYYY-MM-DD', { violations: [{ field: 'date', reason: 'must be a date YYYY-MM-DD' }] });
  const t = (name: string) => `"${schema}".${name}`;
  const [totals, chosen] = await Promise.all([
    db.query<{ calls: number; by_policy: number }>(`select count(*)::int as calls, count(*) filter (where rule <> ${CallRule.CHOSEN})::int as by_policy from ${t('fair_calls')} where mall_id = $1 and date = $2`, [mallId, date]),
    db.query<{ number: string; queue_id: string; service_id: string; counter_id: string; officer: string; at: Date; explanation: string; passed_over: number; priority_group: string; booking_id: string }>(
      `select k.number, k.queue_id, k.service_id, c.counter_id, c.officer, c.at, c.explanation, c.passed_over, k.priority_group, k.booking_id
         from ${t('fair_calls')} c join ${t('fair_tickets')} k using (ticket_id)
        where c.mall_id = $1 and c.date = $2 and c.rule = ${CallRule.CHOSEN} order by c.at, k.number`,
      [mallId, date],
    ),
  ]);
  return create(GetFairnessResponseSchema, {
    date,
    calls: totals.rows[0]!.calls,
    byPolicy: totals.rows[0]!.by_policy,
    outOfOrder: chosen.rows.map((r) => ({
      ticketNumber: r.number,
      queueId: r.queue_id,
      serviceId: r.service_id,
      counterId: r.counter_id,
      officer: r.officer,
      at: timestampFromDate(r.at),
      reason: r.explanation,
      passedOver: r.passed_over,
      withoutPriorityOrBooking: r.priority_group === '' && r.booking_id === '',
    })),
  });
}
