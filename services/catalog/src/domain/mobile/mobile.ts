import { create } from '@bufbuild/protobuf';
import { MobileVisitSchema, type MobileVisit } from '@mpp/contracts';
import { draft, type Decider, type EventDraft } from '@mpp/eventstore';
import { changedFields } from '../diff.js';
import { MobileVisitCancelled, MobileVisitChanged, MobileVisitScheduled } from '../events.js';
import { isDate, SLUG, text, Violations } from '../violations.js';

/** One mall's MPP Bergerak (mobile service) schedule: all its visits, so overlaps are seen. */
export type MobileSchedule = ReadonlyMap<string, MobileVisit>;

export type MobileCommand =
  | { readonly kind: 'put'; readonly visit: MobileVisit; readonly facts: { readonly serviceMalls: Readonly<Record<string, string | undefined>> } }
  | { readonly kind: 'cancel'; readonly mallId: string; readonly visitId: string };

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;
const samePlace = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

export const mobileSchedule: Decider<MobileSchedule, MobileCommand> = {
  initialState: () => new Map(),
  evolve(state, event) {
    const next = new Map(state);
    const m = event.message as unknown as { visit?: MobileVisit; visitId?: string };
    if (event.type.name === MobileVisitScheduled.name || event.type.name === MobileVisitChanged.name) next.set(m.visit!.id, m.visit!);
    else if (event.type.name === MobileVisitCancelled.name) next.delete(m.visitId!);
    return next;
  },
  decide(command, state): EventDraft[] {
    if (command.kind === 'cancel') {
      if (!state.has(command.visitId)) new Violations().add('visit_id', `no visit ${command.visitId} in mall ${command.mallId}`).throwIfAny('cancellation refused');
      return [draft(MobileVisitCancelled, { mallId: command.mallId, visitId: command.visitId })];
    }
    const visit = create(MobileVisitSchema, command.visit);
    check(visit, state, command.facts.serviceMalls);
    const current = state.get(visit.id);
    if (!current) return [draft(MobileVisitScheduled, { visit })];
    const changed = changedFields(MobileVisitSchema, current, visit);
    return changed.length === 0 ? [] : [draft(MobileVisitChanged, { visit, changedFields: changed })];
  },
};

function check(visit: MobileVisit, state: MobileSchedule, serviceMalls: Readonly<Record<string, string | undefined>>) {
  const v = new Violations();
  v.require(SLUG.test(visit.id), 'id', 'must be lowercase letters, digits and dashes');
  v.require(isDate(visit.date), 'date', 'must be a date YYYY-MM-DD');
  const open = visit.hours?.open ?? '';
  const close = visit.hours?.close ?? '';
  v.require(HHMM.test(open), 'hours.open', 'must be HH:MM');
  v.require(HHMM.test(close), 'hours.close', 'must be HH:MM');
  if (HHMM.test(open) && HHMM.test(close)) v.require(open < close, 'hours.close', 'must be after the opening');
  text(v, 'place', visit.place, { required: true });
  v.require(visit.serviceIds.length > 0, 'service_ids', 'names at least one service');
  visit.serviceIds.forEach((id, i) => v.require(serviceMalls[id] === visit.mallId, `service_ids[${i}]`, `no service ${id} in mall ${visit.mallId}`));
  for (const other of state.values()) {
    if (other.id === visit.id || other.date !== visit.date || !samePlace(other.place, visit.place)) continue;
    if (open < (other.hours?.close ?? '') && (other.hours?.open ?? '') < close) v.add('hours', `overlaps visit ${other.id} at ${other.place} (${other.hours?.open}–${other.hours?.close})`);
  }
  v.throwIfAny('mobile visit refused');
}
