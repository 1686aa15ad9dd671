import {
  AgencyChangedSchema,
  AgencyRegisteredSchema,
  BoothChangedSchema,
  BoothRegisteredSchema,
  CounterChangedSchema,
  CounterRegisteredSchema,
  MallChangedSchema,
  MallRegisteredSchema,
  MembershipStatus,
  ServiceStatus,
  ServiceChangedSchema,
  ServiceRegisteredSchema,
  StandardAdoptedSchema,
  type Agency,
  type Booth,
  type Counter,
  type Mall,
  type Service,
  type ServiceStandard,
} from '@mpp/contracts';
import { EventTypes, upsert, type ProjectionDefinition } from '@mpp/eventstore';
import type pg from 'pg';

/** The catalog's events the directory reads (through the contracts only). */
const events = new EventTypes();
const MallRegistered = events.register(MallRegisteredSchema);
const MallChanged = events.register(MallChangedSchema);
const AgencyRegistered = events.register(AgencyRegisteredSchema);
const AgencyChanged = events.register(AgencyChangedSchema);
const BoothRegistered = events.register(BoothRegisteredSchema);
const BoothChanged = events.register(BoothChangedSchema);
const CounterRegistered = events.register(CounterRegisteredSchema);
const CounterChanged = events.register(CounterChangedSchema);
const ServiceRegistered = events.register(ServiceRegisteredSchema);
const ServiceChanged = events.register(ServiceChangedSchema);
const StandardAdopted = events.register(StandardAdoptedSchema);

const TABLES = ['dir_malls', 'dir_agencies', 'dir_memberships', 'dir_booths', 'dir_counters', 'dir_services', 'dir_standards', 'dir_counter_history', 'dir_service_history'] as const;
export type DirectoryTables = Readonly<Record<(typeof TABLES)[number], string>>;

const MEMBERSHIP: Record<number, string> = { [MembershipStatus.ONBOARDING]: 'onboarding', [MembershipStatus.ACTIVE]: 'active', [MembershipStatus.LEFT]: 'left' };

/**
 * Upserts a record unless a later change of it is already there (a dead letter replayed late, a
 * partition read again): each row keeps the time of the change it shows.
 */
async function latest(tx: pg.PoolClient, table: string, key: string, row: Record<string, unknown>, at: Date): Promise<void> {
  const columns = [...Object.keys(row), 'changed_at'];
  await tx.query(
    `insert into ${table} as t (${columns.join(', ')}) values (${columns.map((_, i) => `$${i + 1}`).join(', ')})
     on conflict (${key}) do update set ${columns.filter((c) => c !== key).map((c) => `${c} = excluded.${c}`).join(', ')}
     where t.changed_at <= excluded.changed_at`,
    [...Object.values(row), at],
  );
}

/**
 * What the reports need to know of the catalog: each mall's time zone (hours are the mall's),
 * agencies and their memberships, booths, counters (a call's booth), services (agency, booths,
 * channels, expected handling minutes) and the latest version of each service standard. A catalog
 * event carries the whole record, so each is an upsert that a later change wins whatever the
 * order of arrival; a standard keeps its highest version. A counter's booth and a service's
 * expected minutes are also kept as history, so a report of a past period uses what held then.
 * Reports join these at query time, so the catalog's topic may arrive before or after the queue's.
 */
export const directory: ProjectionDefinition = {
  name: 'directory',
  tables: TABLES,
  async setup(tx, names) {
    const t = names as DirectoryTables;
    await tx.query(`
      create table if not exists ${t.dir_malls} (mall_id text primary key, name text not null, time_zone text not null, changed_at timestamptz not null);
      create table if not exists ${t.dir_agencies} (code text primary key, name text not null, kind integer not null, changed_at timestamptz not null);
      create table if not exists ${t.dir_memberships} (agency_code text not null, mall_id text not null, status text not null, primary key (agency_code, mall_id));
      create table if not exists ${t.dir_booths} (booth_id text primary key, mall_id text not null, number text not null, name text not null, agency_code text not null, active boolean not null, changed_at timestamptz not null);
      create table if not exists ${t.dir_counters} (counter_id text primary key, mall_id text not null, booth_id text not null, name text not null, changed_at timestamptz not null);
      create table if not exists ${t.dir_counter_history} (counter_id text not null, valid_from timestamptz not null, booth_id text not null, primary key (counter_id, valid_from));
      create table if not exists ${t.dir_service_history} (service_id text not null, valid_from timestamptz not null, expected_minutes integer not null, primary key (service_id, valid_from));
      create table if not exists ${t.dir_services} (
        service_id text primary key, mall_id text not null, code text not null, name_id text not null, agency_code text not null,
        queue_id text not null, booth_ids text[] not null, channels integer[] not null, expected_minutes integer not null, active boolean not null, changed_at timestamptz not null);
      create table if not exists ${t.dir_standards} (
        service_id text primary key, mall_id text not null, version integer not null, decree_number text not null,
        adopted_on text not null, reviewed_on text not null, public_components integer not null);
    `);
  },
  async apply(event, tx, names) {
    const t = names as DirectoryTables;
    const type = events.get(event.type);
    if (!type) return;
    const m = events.decode(event).message as unknown as { mall?: Mall; agency?: Agency; booth?: Booth; counter?: Counter; service?: Service; standard?: ServiceStandard };
    const at = event.recordedAt;
    switch (type) {
      case MallRegistered:
      case MallChanged:
        return latest(tx, t.dir_malls, 'mall_id', { mall_id: m.mall!.id, name: m.mall!.name, time_zone: m.mall!.timeZone }, at);
      case AgencyRegistered:
      case AgencyChanged: {
        const a = m.agency!;
        const { rows } = await tx.query<{ later: boolean }>(`select changed_at > $2 as later from ${t.dir_agencies} where code = $1`, [a.code, at]);
        if (rows[0]?.later) return; // a later change is already here
        await latest(tx, t.dir_agencies, 'code', { code: a.code, name: a.name, kind: a.kind }, at);
        await tx.query(`delete from ${t.dir_memberships} where agency_code = $1`, [a.code]);
        for (const ms of a.memberships) await upsert(tx, t.dir_memberships, { agency_code: a.code, mall_id: ms.mallId, status: MEMBERSHIP[ms.status] ?? 'unknown' }, ['agency_code', 'mall_id']);
        return;
      }
      case BoothRegistered:
      case BoothChanged: {
        const b = m.booth!;
        return latest(tx, t.dir_booths, 'booth_id', { booth_id: b.id, mall_id: b.mallId, number: b.number, name: b.name, agency_code: b.agencyCode, active: b.active }, at);
      }
      case CounterRegistered:
      case CounterChanged: {
        const c = m.counter!;
        await tx.query(`insert into ${t.dir_counter_history} values ($1, $2, $3) on conflict do nothing`, [c.id, at, c.boothId]);
        return latest(tx, t.dir_counters, 'counter_id', { counter_id: c.id, mall_id: c.mallId, booth_id: c.boothId, name: c.name }, at);
      }
      case ServiceRegistered:
      case ServiceChanged: {
        const s = m.service!;
        await tx.query(`insert into ${t.dir_service_history} values ($1, $2, $3) on conflict do nothing`, [s.id, at, s.expectedHandlingMinutes]);
        return latest(
          tx,
          t.dir_services,
          'service_id',
          { service_id: s.id, mall_id: s.mallId, code: s.code, name_id: s.nameId, agency_code: s.agencyCode, queue_id: s.queueId, booth_ids: s.boothIds, channels: s.channels, expected_minutes: s.expectedHandlingMinutes, active: s.status !== ServiceStatus.RETIRED },
          at,
        );
      }
      case StandardAdopted: {
        const s = m.standard!;
        const p = s.public;
        const published = p ? [p.requirements.length > 0, p.procedure, p.completionTime, p.fee, p.product, p.complaintHandling].filter(Boolean).length : 0;
        await tx.query(
          `insert into ${t.dir_standards} as s values ($1, $2, $3, $4, $5, $6, $7)
           on conflict (service_id) do update set version = excluded.version, decree_number = excluded.decree_number, adopted_on = excluded.adopted_on,
             reviewed_on = excluded.reviewed_on, public_components = excluded.public_components where s.version <= excluded.version`,
          [s.serviceId, s.mallId, s.version, s.decreeNumber, s.adoptedOn, s.reviewedOn, published],
        );
        return;
      }
      default:
        return;
    }
  },
};
