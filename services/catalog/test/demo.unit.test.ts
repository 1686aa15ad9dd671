import { fromJson, type JsonObject } from '@bufbuild/protobuf';
import {
  AgencySchema,
  BoothSchema,
  Channel,
  CounterSchema,
  MallSchema,
  MembershipSchema,
  MembershipStatus,
  MobileVisitSchema,
  OfficerSchema,
  QueuePolicySchema,
  QueueSchema,
  ServiceSchema,
  ServiceStandardSchema,
  ServiceStatus,
  type Agency,
  type Booth,
  type Counter,
  type Mall,
  type MobileVisit,
  type Officer,
  type Queue,
  type QueuePolicy,
  type Service,
  type ServiceStandard,
} from '@mpp/contracts';
import type { EventDraft } from '@mpp/eventstore';
import { describe, expect, it } from 'vitest';
import type { ImportDocument } from '../src/app/import/document.js';
import { demoMall } from '../src/demo/index.js';
import { mall as mallDecider } from '../src/domain/mall/mall.js';
import { mobileSchedule, type MobileSchedule } from '../src/domain/mobile/mobile.js';
import { agency as agencyDecider, statusIn, withMembership } from '../src/domain/records/agency.js';
import { booth as boothDecider } from '../src/domain/records/booth.js';
import { counter as counterDecider } from '../src/domain/records/counter.js';
import { officer as officerDecider } from '../src/domain/records/officer.js';
import { PREFIX, queue as queueDecider } from '../src/domain/records/queue.js';
import { CODE, service as serviceDecider, type ServiceFacts } from '../src/domain/records/service.js';
import { standard as standardDecider } from '../src/domain/standard/standard.js';

/** The document read back the way an import reads it: protobuf JSON into messages. */
interface Parsed {
  readonly mall: Mall;
  readonly policy: QueuePolicy;
  readonly agencies: readonly Agency[];
  readonly queues: readonly Queue[];
  readonly booths: readonly Booth[];
  readonly counters: readonly Counter[];
  readonly services: readonly Service[];
  readonly standards: readonly ServiceStandard[];
  readonly officers: readonly Officer[];
  readonly visits: readonly MobileVisit[];
}

function parse(doc: ImportDocument): Parsed {
  return {
    mall: fromJson(MallSchema, doc.malls![0]!),
    policy: fromJson(QueuePolicySchema, doc.policies![0]!['policy'] as JsonObject),
    agencies: doc.agencies!.map((row) => {
      const { membership: m, ...rest } = row;
      return withMembership(fromJson(AgencySchema, rest), fromJson(MembershipSchema, m as JsonObject));
    }),
    queues: doc.queues!.map((q) => fromJson(QueueSchema, q)),
    booths: doc.booths!.map((b) => fromJson(BoothSchema, b)),
    counters: doc.counters!.map((c) => fromJson(CounterSchema, c)),
    services: doc.services!.map((s) => fromJson(ServiceSchema, s)),
    standards: doc.standards!.map((s) => fromJson(ServiceStandardSchema, s)),
    officers: doc.officers!.map((o) => fromJson(OfficerSchema, o)),
    visits: doc.mobileVisits!.map((v) => fromJson(MobileVisitSchema, v)),
  };
}

const byKey = <T, K>(list: readonly T[], key: (t: T) => K) => new Map(list.map((t) => [key(t), t] as const));
const duplicates = <T>(list: readonly T[]) => list.filter((x, i) => list.indexOf(x) !== i);

const doc = demoMall();
const d = parse(doc);
const agencies = byKey(d.agencies, (a) => a.code);
const booths = byKey(d.booths, (b) => b.id);
const counters = byKey(d.counters, (c) => c.id);
const queues = byKey(d.queues, (q) => q.id);
const services = byKey(d.services, (s) => s.id);
const status = (code: string) => statusIn(agencies.get(code), d.mall.id);

describe('demo mall (MPP Kota Kendari)', () => {
  it('has the size of the mall it models', () => {
    expect(doc.demo).toBe(true);
    expect(d.mall.id).toBe('kendari');
    expect(d.mall.timeZone).toBe('Asia/Makassar');
    expect(d.agencies.length).toBeGreaterThanOrEqual(14);
    expect(d.booths).toHaveLength(20);
    expect(d.booths.filter((b) => b.active)).toHaveLength(18);
    expect(d.services.length).toBeGreaterThanOrEqual(850);
    expect(d.services.length).toBeLessThanOrEqual(950);
    expect(d.standards).toHaveLength(d.services.length);
    expect(d.officers.length).toBeGreaterThanOrEqual(35);
    expect(d.officers.length).toBeLessThanOrEqual(45);
    expect(d.visits.length).toBeGreaterThanOrEqual(6);
    expect(d.visits.length).toBeLessThanOrEqual(10);
    const retired = d.services.filter((s) => s.status === ServiceStatus.RETIRED);
    expect(retired.length).toBeGreaterThanOrEqual(2);
    expect(retired.length).toBeLessThanOrEqual(3);
  });

  it('opens Mon–Thu with a lunch break, Friday with the prayer break, Saturday mornings, never on Sunday', () => {
    const hours = Object.fromEntries(d.mall.weeklyHours.map((h) => [h.weekday, h.intervals.map((i) => `${i.open}-${i.close}`).join(',')]));
    expect(hours).toEqual({ 1: '08:00-12:00,13:00-16:00', 2: '08:00-12:00,13:00-16:00', 3: '08:00-12:00,13:00-16:00', 4: '08:00-12:00,13:00-16:00', 5: '08:00-11:30,13:30-16:00', 6: '08:00-12:00' });
    expect(d.policy.priorityGroups.map((g) => [g.code, g.weight])).toEqual([['lansia', 3], ['disabilitas', 3], ['ibu-hamil', 2]]);
    expect([d.policy.interleaveRatio, d.policy.recallsBeforeNoShow]).toEqual([3, 3]);
  });

  it('gives agencies MoU and PKS dates in order, and one onboarding agency with no booth and no service', () => {
    for (const a of d.agencies) {
      const m = a.memberships[0]!;
      expect(m.mallId).toBe('kendari');
      expect(m.mouSignedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      if (m.pksSignedOn) expect(m.mouSignedOn <= m.pksSignedOn && m.pksSignedOn < m.pksEndsOn, a.code).toBe(true);
    }
    const onboarding = d.agencies.filter((a) => a.memberships[0]!.status === MembershipStatus.ONBOARDING);
    expect(onboarding).toHaveLength(1);
    const code = onboarding[0]!.code;
    expect(d.booths.filter((b) => b.agencyCode === code)).toEqual([]);
    expect(d.services.filter((s) => s.agencyCode === code)).toEqual([]);
    expect(d.agencies.filter((a) => a.memberships[0]!.status === MembershipStatus.ACTIVE).length).toBe(d.agencies.length - 1);
  });

  it('numbers booths 1..20 and counters mall-wide 1..N, ids under the mall, 1–4 counters per booth', () => {
    expect(d.booths.map((b) => b.number)).toEqual(Array.from({ length: 20 }, (_, i) => String(i + 1)));
    expect(d.counters.map((c) => c.number)).toEqual(d.counters.map((_, i) => String(i + 1)));
    for (const b of d.booths) {
      expect(b.id).toBe(`kendari:${b.number}`);
      expect(b.active || b.inactiveReason !== '', b.id).toBe(true);
      const inBooth = d.counters.filter((c) => c.boothId === b.id);
      expect(inBooth.length, b.id).toBeGreaterThanOrEqual(1);
      expect(inBooth.length, b.id).toBeLessThanOrEqual(4);
    }
    for (const c of d.counters) {
      expect(c.id).toBe(`kendari:${c.number}`);
      expect(booths.has(c.boothId), c.id).toBe(true);
    }
  });

  it('gives each queue a distinct one- or two-letter prefix, and all of a queue’s services one agency', () => {
    expect(duplicates(d.queues.map((q) => q.prefix))).toEqual([]);
    for (const q of d.queues) {
      expect(q.prefix).toMatch(PREFIX);
      expect(q.id).toBe(`kendari:${q.prefix}`);
      const owners = new Set(d.services.filter((s) => s.queueId === q.id).map((s) => s.agencyCode));
      expect(owners.size, q.id).toBe(1);
    }
  });

  it('keeps every service consistent with its agency, queue, booths and the queue policy', () => {
    const groups = d.policy.priorityGroups.map((g) => g.code);
    expect(duplicates(d.services.map((s) => s.code))).toEqual([]);
    for (const s of d.services) {
      const where = s.id;
      expect(s.code, where).toMatch(CODE);
      expect(s.id).toBe(`kendari:${s.code}`);
      expect(s.nameId && s.nameEn, where).toBeTruthy();
      expect(status(s.agencyCode), where).toBe(MembershipStatus.ACTIVE);
      expect(queues.has(s.queueId), where).toBe(true);
      expect(s.boothIds.length, where).toBeGreaterThan(0);
      for (const id of s.boothIds) {
        expect(booths.get(id)?.agencyCode, `${where} ${id}`).toBe(s.agencyCode);
        expect(booths.get(id)?.active, `${where} ${id}`).toBe(true);
      }
      expect(s.channels.length, where).toBeGreaterThan(0);
      expect(s.channels.every((c) => c !== Channel.UNSPECIFIED), where).toBe(true);
      expect(s.expectedHandlingMinutes, where).toBeGreaterThanOrEqual(5);
      expect(s.expectedHandlingMinutes, where).toBeLessThanOrEqual(60);
      expect(s.dailyQuota === 0 || (s.dailyQuota >= 20 && s.dailyQuota <= 300), where).toBe(true);
      expect(s.priorityGroups.every((g) => groups.includes(g)), where).toBe(true);
      if (s.opensApplication) expect(s.completionDays >= 1 && s.completionDays <= 365, where).toBe(true);
      else expect(s.completionDays, where).toBe(0);
    }
    // Many honour the priority groups; some use the other channels too.
    expect(d.services.filter((s) => s.priorityGroups.length > 0).length).toBeGreaterThan(d.services.length / 2);
    for (const c of [Channel.DIGITAL, Channel.MANDIRI, Channel.BERGERAK]) expect(d.services.some((s) => s.channels.includes(c))).toBe(true);
    expect(d.services.filter((s) => s.opensApplication).length).toBeGreaterThan(0);
  });

  it('keeps the services of agencies with a closed booth on their open booths', () => {
    const closed = d.booths.filter((b) => !b.active);
    expect(closed).toHaveLength(2);
    for (const b of closed) {
      expect(d.services.filter((s) => s.boothIds.includes(b.id))).toEqual([]);
      expect(d.services.filter((s) => s.agencyCode === b.agencyCode).length, b.agencyCode).toBeGreaterThan(0);
    }
  });

  it('has exactly one complete standard per service', () => {
    expect(duplicates(d.standards.map((s) => s.serviceId))).toEqual([]);
    for (const st of d.standards) {
      const where = st.serviceId;
      expect(services.has(st.serviceId), where).toBe(true);
      expect(st.decreeNumber, where).toMatch(/^188\.4\/\d+\/20(24|25)$/);
      expect(st.adoptedOn, where).toMatch(/^202[45]-\d{2}-\d{2}$/);
      if (st.reviewedOn) expect(st.reviewedOn >= st.adoptedOn, where).toBe(true);
      const p = st.public!;
      expect(p.requirements.length, where).toBeGreaterThan(0);
      for (const value of [p.procedure, p.completionTime, p.fee, p.product, p.complaintHandling]) expect(value.trim(), where).not.toBe('');
      expect(p.complaintHandling, where).toContain('SP4N-LAPOR!');
      expect(Object.values(st.internal!).filter((v) => typeof v === 'string').every((v) => v !== ''), where).toBe(true);
    }
    expect(d.standards.some((s) => s.reviewedOn !== '')).toBe(true);
    const requirements = (code: string) => d.standards.find((s) => s.serviceId === `kendari:${code}`)!.public!.requirements;
    expect(requirements('ktp-el-perekaman')).toContain('Fotokopi Kartu Keluarga');
    expect(requirements('kk-baru').join('; ')).toMatch(/Surat pengantar RT\/RW/);
    expect(requirements('paspor-elektronik-baru')).toContain('KTP-el asli');
  });

  it('lets each officer open 1–2 counters in booths of its own agency', () => {
    expect(duplicates(d.officers.map((o) => o.subject))).toEqual([]);
    expect(duplicates(d.officers.map((o) => o.displayName))).toEqual([]);
    for (const o of d.officers) {
      expect(o.subject).toMatch(/^demo-officer-\d{3}$/);
      expect(status(o.agencyCode), o.subject).toBe(MembershipStatus.ACTIVE);
      expect(o.counterIds.length, o.subject).toBeGreaterThanOrEqual(1);
      expect(o.counterIds.length, o.subject).toBeLessThanOrEqual(2);
      for (const id of o.counterIds) expect(booths.get(counters.get(id)?.boothId ?? '')?.agencyCode, `${o.subject} ${id}`).toBe(o.agencyCode);
    }
  });

  it('schedules MPP Bergerak in December 2026 at district offices, with mobile services, never overlapping at one place and date', () => {
    for (const v of d.visits) {
      expect(v.date, v.id).toMatch(/^2026-12-/);
      expect(v.place, v.id).toMatch(/^Kantor Camat /);
      expect(v.serviceIds.length, v.id).toBeGreaterThanOrEqual(3);
      for (const id of v.serviceIds) expect(services.get(id)?.channels, `${v.id} ${id}`).toContain(Channel.BERGERAK);
      for (const w of d.visits) {
        if (w === v || w.date !== v.date || w.place !== v.place) continue;
        expect(v.hours!.open < w.hours!.close && w.hours!.open < v.hours!.close, `${v.id} overlaps ${w.id}`).toBe(false);
      }
    }
  });

  it('is accepted by every domain decider, record by record in import order', () => {
    const refused: string[] = [];
    const accept = (what: string, run: () => readonly EventDraft[]) => {
      try {
        if (run().length !== 1) refused.push(`${what}: expected one event`);
      } catch (e) {
        refused.push(`${what}: ${(e as Error).message}`);
      }
    };
    const mallState = { mall: d.mall, policy: undefined, notice: undefined };
    accept('mall', () => mallDecider.decide({ kind: 'put', mall: d.mall }, mallDecider.initialState()));
    accept('policy', () => mallDecider.decide({ kind: 'set-policy', policy: d.policy }, mallState));
    const mallExists = (id: string) => id === d.mall.id;
    for (const a of d.agencies) accept(a.code, () => agencyDecider.decide({ record: a, facts: { mallId: a.memberships[0]!.mallId, mallExists: mallExists(a.memberships[0]!.mallId) } }, undefined));
    for (const q of d.queues) accept(q.id, () => queueDecider.decide({ record: q, facts: { mallExists: mallExists(q.mallId) } }, undefined));
    for (const b of d.booths) accept(`booth ${b.id}`, () => boothDecider.decide({ record: b, facts: { mallExists: mallExists(b.mallId), agencyStatus: status(b.agencyCode) } }, undefined));
    for (const c of d.counters) accept(`counter ${c.id}`, () => counterDecider.decide({ record: c, facts: { boothMall: booths.get(c.boothId)?.mallId } }, undefined));
    const priorityGroups = d.policy.priorityGroups.map((g) => g.code);
    for (const s of d.services) {
      const facts: ServiceFacts = {
        mallTimeZone: mallExists(s.mallId) ? d.mall.timeZone : undefined,
        mallHours: d.mall.weeklyHours,
        agencyStatus: status(s.agencyCode),
        queueMall: queues.get(s.queueId)?.mallId,
        boothAgencies: Object.fromEntries(s.boothIds.map((id) => [id, booths.get(id)?.agencyCode])),
        priorityGroups,
      };
      accept(s.id, () => serviceDecider.decide({ record: s, facts }, undefined));
    }
    for (const st of d.standards) accept(`standard ${st.serviceId}`, () => standardDecider.decide({ standard: st, facts: { serviceMall: services.get(st.serviceId)?.mallId } }, undefined));
    for (const o of d.officers) {
      const counterAgencies = Object.fromEntries(o.counterIds.map((id) => [id, booths.get(counters.get(id)?.boothId ?? '')?.agencyCode]));
      accept(o.subject, () => officerDecider.decide({ record: o, facts: { agencyStatus: status(o.agencyCode), counterAgencies } }, undefined));
    }
    // The schedule is checked against the visits already on it, as the import applies them one by one.
    const schedule = new Map<string, MobileVisit>();
    for (const v of d.visits) {
      const serviceMalls = Object.fromEntries(v.serviceIds.map((id) => [id, services.get(id)?.mallId]));
      accept(`visit ${v.id}`, () => mobileSchedule.decide({ kind: 'put', visit: v, facts: { serviceMalls } }, schedule as MobileSchedule));
      schedule.set(v.id, v);
    }
    expect(refused).toEqual([]);
  });

  it('is deterministic and plain JSON', () => {
    expect(demoMall()).toEqual(doc);
    expect(JSON.parse(JSON.stringify(doc))).toEqual(doc);
  });

  it('puts every id under another mall when asked, keeping agency codes', () => {
    const other = parse(demoMall({ mallId: 'baubau' }));
    expect(other.mall.id).toBe('baubau');
    const ids = [...other.booths.map((b) => b.id), ...other.counters.map((c) => c.id), ...other.queues.map((q) => q.id), ...other.services.map((s) => s.id), ...other.counters.map((c) => c.boothId)];
    expect(ids.filter((id) => !id.startsWith('baubau:'))).toEqual([]);
    const refs = [...other.services.flatMap((s) => [s.queueId, ...s.boothIds]), ...other.standards.map((s) => s.serviceId), ...other.officers.flatMap((o) => o.counterIds), ...other.visits.flatMap((v) => v.serviceIds)];
    expect(refs.filter((id) => !id.startsWith('baubau:'))).toEqual([]);
    const malls = [...other.agencies.map((a) => a.memberships[0]!.mallId), ...other.booths, ...other.services, ...other.standards, ...other.officers, ...other.visits].map((x) => (typeof x === 'string' ? x : x.mallId));
    expect(new Set(malls)).toEqual(new Set(['baubau']));
    expect(other.agencies.map((a) => a.code)).toEqual(d.agencies.map((a) => a.code));
    // A subject is on one mall's roster: a second demo mall in the same deployment gets its own.
    expect(other.officers.filter((o) => d.officers.some((k) => k.subject === o.subject))).toEqual([]);
  });
});
