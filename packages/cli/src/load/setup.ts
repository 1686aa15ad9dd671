import { demoMall } from '@mpp/catalog';
import type { DemoIssuer } from '@mpp/gateway';
import { waitUntil } from './clock.js';
import type { ApiClient } from './http.js';
import type { PlannedService } from './plan.js';

const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
/**
 * Open from 00:00 to 23:59 every day, so any wall-clock hour works. Not to 24:00: a mall open round
 * the clock makes every opening-hours check follow the open run over midnight day after day (up to
 * a year of days per check), a cost no real mall, closed at night, pays.
 */
const ALL_DAY = WEEKDAYS.map((weekday) => ({ weekday, intervals: [{ open: '00:00', close: '23:59' }] }));

/** The first mall is the demo mall the all-in-one platform loads; the others are copies of it. */
export const DEMO_MALL = 'kendari';
export const mallIdOf = (index: number): string => (index === 0 ? DEMO_MALL : `load${index + 1}`);

export interface OpenCounter {
  readonly counterId: string;
  readonly subject: string;
  readonly token: string;
  readonly queueIds: readonly string[];
  /** The services the counter takes tickets for (as the queue answered the opening). */
  readonly serviceIds: readonly string[];
}

export interface MallSetup {
  readonly id: string;
  /** Imported by this run (a copy of the demo mall under another id). */
  readonly imported: boolean;
  /** The mall's local date (the day the report counts). */
  readonly date: string;
  readonly kioskToken: string;
  readonly adminToken: string;
  /** Walk-in services some open counter takes tickets for. */
  readonly services: readonly PlannedService[];
  readonly counters: readonly OpenCounter[];
  /** Counters whose opening was refused: counter id → reason. */
  readonly refusedCounters: Readonly<Record<string, string>>;
  /** The day report's `issued` for the mall before this run's first ticket. */
  readonly issuedBefore: number;
  /** The first ticket, issued (retried) until the queue sees the all-day hours; counted as issued. */
  readonly firstTicket: { readonly id: string; readonly number: string };
}

/** A step of the setup failed: the message says what to do. */
export class SetupError extends Error {}

interface ServiceRecord {
  id: string;
  queueId: string;
  agencyCode: string;
  channels: string[];
  status: string;
  expectedHandlingMinutes: number;
  dailyQuota: number;
}
interface OfficerRecord {
  subject: string;
  agencyCode: string;
  counterIds: string[];
  active: boolean;
}

export function localDate(timeZone: string, at = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

export async function reportedIssued(api: ApiClient, mallId: string, date: string, adminToken: string): Promise<number | undefined> {
  const r = await api.call('GET', '/malls/{mallId}/reports/daily', `/malls/${mallId}/reports/daily?date=${date}&groupBy=mall&bucket=period`, { token: adminToken });
  if (r.status !== 200) return undefined;
  return Number(r.body?.total?.issued ?? r.body?.rows?.[0]?.issued ?? 0);
}

async function ensureMall(api: ApiClient, mallId: string, adminToken: string): Promise<{ imported: boolean; timeZone: string }> {
  const found = await api.call('GET', '/malls/{mallId}', `/malls/${mallId}`);
  if (found.status === 200) return { imported: false, timeZone: found.body.mall.timeZone };
  if (found.status !== 404) throw new SetupError(`reading mall ${mallId} answered ${found.status}: is the platform running at ${api.base}?`);
  const imported = await api.call('POST', '/malls/{mallId}/import', `/malls/${mallId}/import`, { token: adminToken, body: demoMall({ mallId }) });
  if (imported.status !== 200 || !imported.body?.applied) throw new SetupError(`importing a copy of the demo mall as ${mallId} failed: ${imported.status} ${JSON.stringify(imported.body).slice(0, 300)}`);
  const mall = await waitUntil(async () => {
    const r = await api.call('GET', '/malls/{mallId}', `/malls/${mallId}`);
    return r.status === 200 ? (r.body.mall as { timeZone: string }) : undefined;
  }, 60_000);
  if (!mall) throw new SetupError(`the imported mall ${mallId} did not appear within 60 s`);
  return { imported: true, timeZone: mall.timeZone };
}

async function listServices(api: ApiClient, mallId: string): Promise<ServiceRecord[]> {
  const all: ServiceRecord[] = [];
  let pageToken = '';
  do {
    const r = await api.call('GET', '/malls/{mallId}/services', `/malls/${mallId}/services?pageSize=500${pageToken ? `&pageToken=${encodeURIComponent(pageToken)}` : ''}`);
    if (r.status !== 200) throw new SetupError(`listing the services of ${mallId} answered ${r.status}`);
    all.push(...(r.body.services as ServiceRecord[]));
    pageToken = r.body.nextPageToken ?? '';
  } while (pageToken);
  return all;
}

async function openCounter(api: ApiClient, counterId: string, token: string, queueIds: string[]): Promise<{ status: number; detail: string; serviceIds: string[] }> {
  const path = `/counters/${counterId}/open`;
  let r = await api.call('POST', '/counters/{counterId}/open', path, { token, body: { queueIds } });
  if (r.status === 409) {
    // Left open (or paused) by an earlier run: close and open it again for these queues.
    await api.call('POST', '/counters/{counterId}/close', `/counters/${counterId}/close`, { token });
    r = await api.call('POST', '/counters/{counterId}/open', path, { token, body: { queueIds } });
  }
  const inHand = r.status === 200 ? (r.body?.counter?.ticketId as string | undefined) : undefined;
  if (inHand) {
    // A ticket left at the counter by an earlier run: serve it so the counter can call again.
    await api.call('POST', '/tickets/{ticketId}/start', `/tickets/${inHand}/start`, { token, expected: [409] });
    await api.call('POST', '/tickets/{ticketId}/complete', `/tickets/${inHand}/complete`, { token, body: { outcome: 'done' } });
  }
  return { status: r.status, detail: r.status === 200 ? '' : `${r.status} ${r.body?.detail ?? ''}`, serviceIds: r.status === 200 ? ((r.body?.counter?.serviceIds as string[] | undefined) ?? []) : [] };
}

/** Gets one mall ready: there, open all day, counters open with rostered officers, a first ticket issued. */
export async function setUpMall(api: ApiClient, issuer: DemoIssuer, index: number, maxOfficers: number): Promise<MallSetup> {
  const id = mallIdOf(index);
  const adminToken = await issuer.mint({ role: 'mall-admin', mall: id, subject: `load-admin-${id}` });
  const kioskToken = await issuer.mint({ role: 'kiosk', mall: id, subject: `load-kiosk-${id}` });
  const { imported, timeZone } = await ensureMall(api, id, adminToken);
  const hours = await api.call('PUT', '/malls/{mallId}/hours', `/malls/${id}/hours`, { token: adminToken, body: { weeklyHours: ALL_DAY, specialDays: [] } });
  if (hours.status !== 200) throw new SetupError(`opening ${id} all day failed: ${hours.status} ${hours.body?.detail ?? ''}`);

  const services = (await listServices(api, id)).filter((s) => s.status === 'active' && s.channels.includes('langsung'));
  const roster = await api.call('GET', '/malls/{mallId}/officers', `/malls/${id}/officers`, { token: adminToken });
  if (roster.status !== 200) throw new SetupError(`reading the roster of ${id} answered ${roster.status}`);
  const officers = (roster.body.officers as OfficerRecord[]).filter((o) => o.active && o.counterIds.length > 0).slice(0, maxOfficers > 0 ? maxOfficers : undefined);
  if (officers.length === 0) throw new SetupError(`mall ${id} has no active officer with a counter on its roster: put one with PUT /malls/${id}/officers/{subject}`);

  const counters: OpenCounter[] = [];
  const refusedCounters: Record<string, string> = {};
  for (const officer of officers) {
    const token = await issuer.mint({ role: 'officer', mall: id, agency: officer.agencyCode, subject: officer.subject, ttlSec: 24 * 3600 });
    const queueIds = [...new Set(services.filter((s) => s.agencyCode === officer.agencyCode).map((s) => s.queueId))];
    const counterId = officer.counterIds[0]!;
    if (queueIds.length === 0) continue;
    const opened = await openCounter(api, counterId, token, queueIds);
    if (opened.status === 200) counters.push({ counterId, subject: officer.subject, token, queueIds, serviceIds: opened.serviceIds });
    else refusedCounters[counterId] = opened.detail;
  }
  if (counters.length === 0) throw new SetupError(`no counter of ${id} could be opened: ${JSON.stringify(refusedCounters)}`);
  const countersOf = new Map<string, number>();
  for (const serviceId of counters.flatMap((c) => c.serviceIds)) countersOf.set(serviceId, (countersOf.get(serviceId) ?? 0) + 1);
  const planned: PlannedService[] = services.filter((s) => countersOf.has(s.id)).map((s) => ({ id: s.id, queueId: s.queueId, expectedMinutes: s.expectedHandlingMinutes || 10, dailyQuota: s.dailyQuota, counters: countersOf.get(s.id)! }));

  const date = localDate(timeZone);
  const issuedBefore = await reportedIssued(api, id, date, adminToken);
  if (issuedBefore === undefined) throw new SetupError(`reading the day report of ${id} failed: the mall-admin token was refused?`);
  const first = planned[0];
  if (!first) throw new SetupError(`no walk-in service of ${id} is served by the open counters`);
  // The queue reads the hours from its catalog replica: the first ticket waits for it.
  const ticket = await waitUntil(async () => {
    const r = await api.call('POST', '/malls/{mallId}/tickets', `/malls/${id}/tickets`, { token: kioskToken, body: { serviceId: first.id, source: 'kiosk' }, expected: [409] });
    return r.status === 201 ? (r.body.view.ticket as { id: string; number: string }) : undefined;
  }, 60_000);
  if (!ticket) throw new SetupError(`${id} refused tickets for 60 s after opening all day: see GET /api/v1/malls/${id}/hours`);
  return { id, imported, date, kioskToken, adminToken, services: planned, counters, refusedCounters, issuedBefore, firstTicket: ticket };
}
