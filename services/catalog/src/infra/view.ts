import { toJson, type DescMessage, type MessageShape } from '@bufbuild/protobuf';
import {
  AgencySchema,
  BoothSchema,
  CounterSchema,
  MallSchema,
  MobileVisitSchema,
  NoticeSchema,
  OfficerSchema,
  QueuePolicySchema,
  QueueSchema,
  ServiceSchema,
  ServiceStandardSchema,
  type Agency,
  type Booth,
  type Counter,
  type Mall,
  type MobileVisit,
  type Officer,
  type Queue,
  type QueuePolicy,
  type Notice,
  type Service,
  type ServiceStandard,
} from '@mpp/contracts';
import { upsert, type ProjectionDefinition } from '@mpp/eventstore';
import type pg from 'pg';
import * as E from '../domain/events.js';
import { catalogEvents } from '../domain/events.js';

const TABLES = ['malls', 'agencies', 'memberships', 'booths', 'counters', 'queues', 'services', 'standards', 'mobile_visits', 'officers', 'words'] as const;

type Tables = Readonly<Record<(typeof TABLES)[number], string>>;

const json = <D extends DescMessage>(schema: D, message: MessageShape<D>) => JSON.stringify(toJson(schema, message));

/**
 * The catalog's own read model, projected from its own events: what the queries read (lists,
 * search, the public catalog page). Each record is kept whole as JSON beside the columns queries
 * filter and search on; services carry their agency's name and their standard's requirements
 * so search finds them by either.
 */
export const catalogView: ProjectionDefinition = {
  name: 'catalog_view',
  tables: TABLES,
  async setup(tx, names) {
    const t = names as Tables;
    const trgm = await trigramSchema(tx);
    await tx.query(`
      create table if not exists ${t.malls} (id text primary key, name text not null, data jsonb not null, policy jsonb, notice jsonb);
      create table if not exists ${t.agencies} (code text primary key, name text not null, data jsonb not null);
      create table if not exists ${t.memberships} (agency_code text, mall_id text, status integer not null, primary key (mall_id, agency_code));
      create table if not exists ${t.booths} (id text primary key, mall_id text not null, agency_code text not null, number text not null, active boolean not null, data jsonb not null);
      create table if not exists ${t.counters} (id text primary key, mall_id text not null, booth_id text not null, number text not null, data jsonb not null);
      create table if not exists ${t.queues} (id text primary key, mall_id text not null, prefix text not null, data jsonb not null);
      create table if not exists ${t.services} (
        id text primary key, mall_id text not null, code text not null, agency_code text not null, queue_id text not null,
        status integer not null, channels integer[] not null, data jsonb not null,
        name_text text not null, agency_name text not null default '', requirements text not null default '',
        search_text text generated always as (lower(name_text || ' ' || agency_name || ' ' || requirements)) stored,
        search tsvector generated always as (
          setweight(to_tsvector('simple', name_text), 'A') || setweight(to_tsvector('simple', agency_name), 'B') || setweight(to_tsvector('simple', requirements), 'C')
        ) stored
      );
      create index if not exists ${idx(t.services, 'mall')} on ${t.services} (mall_id, code);
      create index if not exists ${idx(t.services, 'search')} on ${t.services} using gin (search);
      create index if not exists ${idx(t.services, 'trgm')} on ${t.services} using gin (search_text ${trgm}.gin_trgm_ops);
      create table if not exists ${t.standards} (service_id text primary key, version integer not null, data jsonb not null);
      create table if not exists ${t.mobile_visits} (mall_id text, id text, date text not null, data jsonb not null, primary key (mall_id, id));
      create table if not exists ${t.officers} (subject text primary key, mall_id text not null, agency_code text not null, data jsonb not null);
      create table if not exists ${t.words} (word text primary key);
      create index if not exists ${idx(t.words, 'trgm')} on ${t.words} using gist (word ${trgm}.gist_trgm_ops);
    `);
  },
  async apply(consumed, tx, names) {
    const t = names as Tables;
    const { type, message } = catalogEvents.decode(consumed);
    const m = message as unknown as Record<string, unknown>;
    switch (type.name) {
      case E.MallRegistered.name:
      case E.MallChanged.name:
        return upsertMall(tx, t, m.mall as Mall);
      case E.QueuePolicySet.name:
        return void (await tx.query(`update ${t.malls} set policy = $2 where id = $1`, [m.mallId, json(QueuePolicySchema, m.policy as QueuePolicy)]));
      case E.NoticeSet.name:
        return void (await tx.query(`update ${t.malls} set notice = $2 where id = $1`, [m.mallId, json(NoticeSchema, m.notice as Notice)]));
      case E.AgencyRegistered.name:
      case E.AgencyChanged.name:
        return upsertAgency(tx, t, m.agency as Agency);
      case E.BoothRegistered.name:
      case E.BoothChanged.name: {
        const b = m.booth as Booth;
        return upsert(tx, t.booths, { id: b.id, mall_id: b.mallId, agency_code: b.agencyCode, number: b.number, active: b.active, data: json(BoothSchema, b) });
      }
      case E.CounterRegistered.name:
      case E.CounterChanged.name: {
        const c = m.counter as Counter;
        return upsert(tx, t.counters, { id: c.id, mall_id: c.mallId, booth_id: c.boothId, number: c.number, data: json(CounterSchema, c) });
      }
      case E.QueueRegistered.name:
      case E.QueueChanged.name: {
        const q = m.queue as Queue;
        return upsert(tx, t.queues, { id: q.id, mall_id: q.mallId, prefix: q.prefix, data: json(QueueSchema, q) });
      }
      case E.ServiceRegistered.name:
      case E.ServiceChanged.name:
        return upsertService(tx, t, m.service as Service);
      case E.StandardAdopted.name: {
        const s = m.standard as ServiceStandard;
        await upsert(tx, t.standards, { service_id: s.serviceId, version: s.version, data: json(ServiceStandardSchema, s) }, ['service_id']);
        const requirements = (s.public?.requirements ?? []).join(' ');
        await tx.query(`update ${t.services} set requirements = $2 where id = $1`, [s.serviceId, requirements]);
        return addWords(tx, t, requirements);
      }
      case E.MobileVisitScheduled.name:
      case E.MobileVisitChanged.name: {
        const v = m.visit as MobileVisit;
        return upsert(tx, t.mobile_visits, { mall_id: v.mallId, id: v.id, date: v.date, data: json(MobileVisitSchema, v) }, ['mall_id', 'id']);
      }
      case E.MobileVisitCancelled.name:
        return void (await tx.query(`delete from ${t.mobile_visits} where mall_id = $1 and id = $2`, [m.mallId, m.visitId]));
      case E.OfficerRegistered.name:
      case E.OfficerChanged.name: {
        const o = m.officer as Officer;
        return upsert(tx, t.officers, { subject: o.subject, mall_id: o.mallId, agency_code: o.agencyCode, data: json(OfficerSchema, o) }, ['subject']);
      }
      default:
        return; // a type this version does not show
    }
  },
};

/**
 * The schema pg_trgm lives in, creating it in the catalog's schema when the database has none:
 * an operator may have installed it elsewhere, so its names are always qualified.
 */
export async function trigramSchema(db: pg.Pool | pg.PoolClient): Promise<string> {
  const find = async (q: Pick<pg.ClientBase, 'query'>) =>
    (await q.query<{ schema: string }>(`select extnamespace::regnamespace::text as schema from pg_extension where extname = 'pg_trgm'`)).rows[0]?.schema;
  const found = await find(db);
  if (found) return found;
  // Replicas starting together: one creates it, in the catalog's own schema (a service needs no
  // rights on public), the others find it.
  const client = 'release' in db ? db : await db.connect();
  try {
    if (client !== db) await client.query('begin');
    await client.query(`select pg_advisory_xact_lock(hashtextextended('mpp.catalog.pg_trgm', 0))`);
    if (!(await find(client))) await client.query('create extension if not exists pg_trgm schema catalog');
    const schema = (await find(client))!;
    if (client !== db) await client.query('commit');
    return schema;
  } catch (error) {
    if (client !== db) await client.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    if (client !== db) (client as pg.PoolClient).release();
  }
}

function idx(table: string, suffix: string): string {
  // `"catalog"."services_v1"` → `services_v1_search`: index names live in the table's schema.
  return `"${table.split('.').pop()!.replaceAll('"', '')}_${suffix}"`;
}


async function upsertMall(tx: pg.PoolClient, t: Tables, mall: Mall) {
  await upsert(tx, t.malls, { id: mall.id, name: mall.name, data: json(MallSchema, mall) });
}

async function upsertAgency(tx: pg.PoolClient, t: Tables, agency: Agency) {
  await upsert(tx, t.agencies, { code: agency.code, name: agency.name, data: json(AgencySchema, agency) }, ['code']);
  for (const m of agency.memberships) {
    await upsert(tx, t.memberships, { agency_code: agency.code, mall_id: m.mallId, status: m.status }, ['mall_id', 'agency_code']);
  }
  await tx.query(`update ${t.services} set agency_name = $2 where agency_code = $1 and agency_name <> $2`, [agency.code, agency.name]);
  await addWords(tx, t, agency.name);
}

/** The words search knows, so a misspelt one can be matched to the nearest (`paspro` → `paspor`). */
async function addWords(tx: pg.PoolClient, t: Tables, text: string) {
  await tx.query(
    `insert into ${t.words} (word) select distinct w from regexp_split_to_table(lower($1), '[^[:alnum:]]+') as w where length(w) > 2 on conflict do nothing`,
    [text],
  );
}

async function upsertService(tx: pg.PoolClient, t: Tables, s: Service) {
  const nameText = [s.nameId, s.nameEn, s.code.replaceAll('-', ' ')].join(' ');
  await upsert(tx, t.services, {
    id: s.id,
    mall_id: s.mallId,
    code: s.code,
    agency_code: s.agencyCode,
    queue_id: s.queueId,
    status: s.status,
    channels: s.channels,
    data: json(ServiceSchema, s),
    name_text: nameText,
  });
  // A new service takes its agency's name; a changed one keeps what it had.
  await tx.query(`update ${t.services} s set agency_name = a.name from ${t.agencies} a where s.id = $1 and a.code = s.agency_code and s.agency_name <> a.name`, [s.id]);
  await addWords(tx, t, nameText);
}
