import { AuditVerdict, Role, type Actor, type AuditedCall } from '@mpp/contracts';
import { AppError } from '@mpp/errors';
import { isCalendarDate } from '@mpp/opening-hours';
import { auditQueueDay } from '../domain/day/audit.js';
import { queueEvents } from '../domain/events.js';
import type { Core } from './core.js';

const likeLiteral = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Who may replay a day: an auditor, the mall's admin, the platform. */
function authorizeAudit(actor: Actor | undefined, mallId: string): void {
  if (!actor || actor.role === Role.UNSPECIFIED) throw new AppError('unauthenticated', 'sign in as an auditor or the mall-admin to audit a day');
  if (actor.role === Role.AUDITOR || actor.role === Role.SYSTEM) return;
  if (actor.role === Role.MALL_ADMIN && actor.mallId === mallId) return;
  throw new AppError('forbidden', `only an auditor or the mall-admin of ${mallId} audits its calls`);
}

export function createAudit(core: Core) {
  return {
    /** Every call of a mall's local day, replayed from the queue days' events and judged. */
    async day(actor: Actor | undefined, mallId: string, date: string): Promise<{ calls: AuditedCall[]; mismatches: number; chosenOutOfOrder: number }> {
      if (mallId === '') throw new AppError('invalid', 'mall_id is required', { violations: [{ field: 'mall_id', reason: 'is required' }] });
      authorizeAudit(actor, mallId);
      if (!isCalendarDate(date)) throw new AppError('invalid', 'date must be YYYY-MM-DD', { violations: [{ field: 'date', reason: 'must be a calendar date YYYY-MM-DD' }] });
      // Day streams are `day-<mallId>:<prefix>-<date>`: one per queue of the mall that issued that day.
      const { rows } = await core.db.query<{ stream_id: string; type: string; data: Uint8Array }>({
        text: `select stream_id, type, data from "${core.schema}".events where stream_id like $1 escape '\\' order by stream_id, version`,
        values: [`day-${likeLiteral(mallId)}:%-${date}`],
      });
      const byStream = new Map<string, { type: string; data: Uint8Array }[]>();
      for (const row of rows) {
        const events = byStream.get(row.stream_id);
        if (events) events.push(row);
        else byStream.set(row.stream_id, [row]);
      }
      const calls = [...byStream].flatMap(([stream, events]) => auditQueueDay(stream.slice('day-'.length, -(date.length + 1)), events.map((e) => queueEvents.decode(e))));
      return {
        calls,
        mismatches: calls.filter((c) => c.verdict === AuditVerdict.MISMATCH).length,
        chosenOutOfOrder: calls.filter((c) => c.verdict === AuditVerdict.CHOSEN_OUT_OF_ORDER).length,
      };
    },
  };
}
