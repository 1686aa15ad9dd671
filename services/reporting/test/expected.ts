import { Source } from '@mpp/contracts';
import { computeIkm } from '@mpp/ikm';
import { BOOTHS, COUNTERS, MALL, SERVICES, boothAt, expectedAt, type ScriptedDay, type TicketFact } from './scripted-day.js';

// What the reports must say about a scripted day, computed from its plain facts in plain
// TypeScript — no SQL, nothing shared with the service but the IKM formula (the shared package).

const MINUTE = 60_000;
const minutes = (from: Date, to: Date) => (to.getTime() - from.getTime()) / MINUTE;

/** Linear interpolation between the closest ranks (what a spreadsheet's PERCENTILE.INC does). */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const v = [...values].sort((a, b) => a - b);
  const x = p * (v.length - 1);
  const lo = Math.floor(x);
  const hi = Math.ceil(x);
  return v[lo]! + (v[hi]! - v[lo]!) * (x - lo);
}

export const summary = (values: readonly number[]) => ({
  count: values.length,
  average: values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length,
  p50: percentile(values, 0.5),
  p90: percentile(values, 0.9),
  max: values.length === 0 ? 0 : Math.max(...values),
});

export const waitingOf = (t: TicketFact) => (t.calledAt ? minutes(t.issuedAt, t.calledAt) : undefined);
export const serviceOf = (t: TicketFact) => (t.outcome === 'completed' ? minutes(t.startedAt ?? t.calledAt!, t.endedAt!) : undefined);
const defined = <X>(xs: readonly (X | undefined)[]): X[] => xs.filter((x): x is X => x !== undefined);

export const localHour = (t: TicketFact) => (t.issuedAt.getUTCHours() + 8) % 24;
/** A moment's date in WITA (UTC+8). */
export const localDate = (at: Date) => new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
export const CHANNEL: Record<number, string> = { [Source.KIOSK]: 'kiosk', [Source.ONLINE]: 'online', [Source.MOBILE_UNIT]: 'mobile-unit', [Source.WALK_IN]: 'walk-in' };
/** The booth of the counter that called it, as it stood at the call; else the service's first. */
export const boothOf = (t: TicketFact) => (t.counterId && t.calledAt ? boothAt(t.counterId, t.calledAt) : undefined) ?? t.service.booths[0] ?? '';

export const KEYS = {
  service: (t: TicketFact) => t.service.id,
  booth: boothOf,
  agency: (t: TicketFact) => t.service.agency,
  mall: (t: TicketFact) => t.mallId,
  officer: (t: TicketFact) => t.officer ?? '',
  channel: (t: TicketFact) => CHANNEL[t.source]!,
} as const;

/** One statistics row over some tickets, in the API's shape (before rounding). */
export function statisticsRow(tickets: readonly TicketFact[], perService: boolean) {
  const count = (o: string) => tickets.filter((t) => t.outcome === o).length;
  const waiting = defined(tickets.map(waitingOf));
  const served = tickets.filter((t) => t.outcome === 'completed');
  const expected = (t: TicketFact) => expectedAt(t.service, t.issuedAt);
  const withStandard = served.filter((t) => expected(t) > 0);
  const within = withStandard.filter((t) => serviceOf(t)! <= expected(t));
  const bins = [0, 5, 10, 20, 40, Infinity];
  return {
    issued: tickets.length,
    served: served.length,
    documentsIncomplete: served.filter((t) => t.result === 'documents-incomplete').length,
    referred: served.filter((t) => t.result === 'referred').length,
    noShow: count('no-show'),
    cancelled: count('cancelled'),
    transferred: count('transferred'),
    expired: count('expired'),
    open: tickets.filter((t) => t.outcome === undefined).length,
    notCalled: tickets.filter((t) => t.outcome === undefined && !t.calledAt).length,
    waiting: summary(waiting),
    service: summary(defined(served.map(serviceOf))),
    expectedMinutes: perService ? Math.max(0, ...tickets.map(expected)) : 0,
    withStandard: withStandard.length,
    withinStandard: within.length,
    shareWithinStandard: withStandard.length === 0 ? 0 : within.length / withStandard.length,
    waitingHistogram: bins.slice(0, -1).map((lo, i) => waiting.filter((w) => w >= lo && w < bins[i + 1]!).length),
  };
}

const groupBy = <X>(xs: readonly X[], key: (x: X) => string) => {
  const m = new Map<string, X[]>();
  for (const x of xs) m.set(key(x), [...(m.get(key(x)) ?? []), x]);
  return m;
};

export type Bucket = 'period' | 'day' | 'hour';

/** Every row of a grouping, ordered as the API orders them (date, hour, key). */
export function statisticsRows(day: ScriptedDay, group: keyof typeof KEYS, bucket: Bucket) {
  const mine = day.tickets.filter((t) => t.mallId === MALL);
  const key = KEYS[group];
  const rows = [...groupBy(mine, (t) => JSON.stringify([bucket === 'period' ? '' : t.date, bucket === 'hour' ? localHour(t) : -1, key(t)]))].map(([k, tickets]) => {
    const [date, hour, id] = JSON.parse(k) as [string, number, string];
    return { key: id, date, ...(hour >= 0 ? { hour } : {}), ...statisticsRow(tickets, group === 'service') };
  });
  return rows.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0) || (a.hour ?? -1) - (b.hour ?? -1) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

export function busiestHours(day: ScriptedDay) {
  const mine = day.tickets.filter((t) => t.mallId === MALL);
  const weekday = (date: string) => ((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
  const daysOf = new Map([...groupBy(mine, (t) => String(weekday(t.date)))].map(([wd, ts]) => [Number(wd), new Set(ts.map((t) => t.date)).size]));
  return [...groupBy(mine, (t) => `${weekday(t.date)}|${localHour(t)}`)]
    .map(([k, ts]) => {
      const [wd, hour] = k.split('|').map(Number) as [number, number];
      return { weekday: wd, hour, issued: ts.length, days: daysOf.get(wd)!, average: ts.length / daysOf.get(wd)! };
    })
    .sort((a, b) => a.weekday - b.weekday || a.hour - b.hour);
}

export function bookingPunctuality(day: ScriptedDay) {
  const ticket = (id: string | undefined) => day.tickets.find((t) => t.id === id);
  const checked = day.bookings.filter((b) => b.ended === 'checked-in');
  const called = checked.map((b) => ({ b, t: ticket(b.ticketId)! })).filter(({ t }) => t.calledAt);
  return {
    booked: day.bookings.length,
    checkedIn: checked.length,
    noShow: day.bookings.filter((b) => b.ended === 'no-show').length,
    cancelled: day.bookings.filter((b) => b.ended === 'cancelled').length,
    calledWithinSlot: called.filter(({ b, t }) => t.calledAt! < b.slotEnd).length,
    calledLate: called.filter(({ b, t }) => t.calledAt! >= b.slotEnd).length,
    callAfterSlotStart: summary(called.map(({ b, t }) => minutes(b.slotStart, t.calledAt!))),
  };
}

/** The IKM of each unit: the mall, each agency, service and booth (of the counter that served). */
export function ikmByUnit(day: ScriptedDay) {
  const units = new Map<string, number[][]>();
  const add = (unit: string, answers: number[]) => units.set(unit, [...(units.get(unit) ?? []), answers]);
  for (const r of day.responses) {
    add(`mall|${MALL}`, r.answers);
    add(`agency|${r.ticket.service.agency}`, r.answers);
    add(`service|${r.ticket.service.id}`, r.answers);
    const booth = r.ticket.counterId ? boothAt(r.ticket.counterId, r.ticket.endedAt!) : undefined;
    if (booth) add(`booth|${booth}`, r.answers);
  }
  return new Map([...units].map(([unit, list]) => [unit, { respondents: list.length, ikm: computeIkm(list)!.ikm, ikmRounded: computeIkm(list)!.ikmRounded, grade: computeIkm(list)!.grade }]));
}

/** Complaints received per agency, as of `now`. */
export function complaintsByAgency(day: ScriptedDay, now: Date) {
  const november = day.complaints.filter((c) => localDate(c.receivedAt).startsWith('2026-11'));
  const rows = [...groupBy(november, (c) => c.service.agency)].map(([agency, cs]) => [
    agency,
    cs.length,
    cs.filter((c) => c.respondedAt && c.respondedAt <= c.respondBy).length,
    cs.filter((c) => c.resolvedAt && c.resolvedAt <= c.resolveBy).length,
    cs.filter((c) => (!c.respondedAt && c.respondBy <= now) || (!c.resolvedAt && c.resolveBy <= now)).length,
  ]);
  return rows.sort((a, b) => (String(a[0]) < String(b[0]) ? -1 : 1));
}

export const unknownReferences = (day: ScriptedDay) => {
  const mine = day.tickets.filter((t) => t.mallId === MALL);
  const services = new Set(SERVICES.map((s) => s.id));
  const counters = new Set<string>(COUNTERS.map((c) => c.id));
  return [
    ...[...groupBy(mine.filter((t) => t.counterId && !counters.has(t.counterId)), (t) => t.counterId!)].map(([id, ts]) => ({ kind: 'counter', id, tickets: ts.length })),
    ...[...groupBy(mine.filter((t) => !services.has(t.service.id)), (t) => t.service.id)].map(([id, ts]) => ({ kind: 'service', id, tickets: ts.length })),
  ];
};

export const boothNames = new Map<string, string>(BOOTHS.map((b) => [b.id, b.name]));
