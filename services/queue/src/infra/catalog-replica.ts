import { toJson, type DescMessage, type MessageShape } from '@bufbuild/protobuf';
import {
  AgencyChangedSchema,
  AgencyRegisteredSchema,
  BoothChangedSchema,
  BoothRegisteredSchema,
  BoothSchema,
  CounterChangedSchema,
  CounterRegisteredSchema,
  MallChangedSchema,
  MallRegisteredSchema,
  MallSchema,
  OfficerChangedSchema,
  OfficerRegisteredSchema,
  QueueChangedSchema,
  QueuePolicySchema,
  QueuePolicySetSchema,
  QueueRegisteredSchema,
  ServiceChangedSchema,
  ServiceRegisteredSchema,
  ServiceSchema,
  type Agency,
  type Booth,
  type Counter,
  type Mall,
  type Officer,
  type Queue,
  type QueuePolicy,
  type Service,
} from '@mpp/contracts';
import { EventTypes, upsert, type ProjectionDefinition } from '@mpp/eventstore';

/** The catalog's events the queue keeps a replica of (read through the contracts only). */
const catalogEvents = new EventTypes();
const types = Object.fromEntries(
  [MallRegisteredSchema, MallChangedSchema, QueuePolicySetSchema, AgencyRegisteredSchema, AgencyChangedSchema, BoothRegisteredSchema, BoothChangedSchema, CounterRegisteredSchema, CounterChangedSchema, QueueRegisteredSchema, QueueChangedSchema, ServiceRegisteredSchema, ServiceChangedSchema, OfficerRegisteredSchema, OfficerChangedSchema].map(
    (schema) => [schema.name, catalogEvents.register(schema).name],
  ),
) as Record<string, string>;

const TABLES = ['catalog_malls', 'catalog_memberships', 'catalog_booths', 'catalog_counters', 'catalog_queues', 'catalog_services', 'catalog_officers'] as const;
type Tables = Readonly<Record<(typeof TABLES)[number], string>>;

const json = <D extends DescMessage>(schema: D, m: MessageShape<D>) => JSON.stringify(toJson(schema, m));

/**
 * The queue's local copy of what it needs from the catalog (malls with hours and policy,
 * memberships, booths, counters, queues, services, the roster), kept from `mpp.catalog.v1`, so
 * issuing a ticket or opening a counter never waits on the catalog service.
 */
export const catalogReplica: ProjectionDefinition = {
  name: 'catalog_replica',
  tables: TABLES,
  async setup(tx, names) {
    const t = names as Tables;
    await tx.query(`
      create table if not exists ${t.catalog_malls} (id text primary key, data jsonb not null, policy jsonb);
      create table if not exists ${t.catalog_memberships} (agency_code text, mall_id text, status integer not null, primary key (mall_id, agency_code));
      create table if not exists ${t.catalog_booths} (id text primary key, agency_code text not null, active boolean not null, data jsonb not null);
      create table if not exists ${t.catalog_counters} (id text primary key, mall_id text not null, booth_id text not null);
      alter table ${t.catalog_counters} add column if not exists name text not null default '';
      create table if not exists ${t.catalog_queues} (id text primary key, mall_id text not null, prefix text not null, active boolean not null);
      create table if not exists ${t.catalog_services} (id text primary key, mall_id text not null, agency_code text not null, queue_id text not null, data jsonb not null);
      create table if not exists ${t.catalog_officers} (subject text primary key, mall_id text not null, agency_code text not null, counter_ids text[] not null, active boolean not null);
    `);
  },
  async apply(event, tx, names) {
    const t = names as Tables;
    if (!Object.values(types).includes(event.type)) return; // what the queue does not need
    const m = catalogEvents.decode(event).message as unknown as Record<string, unknown>;
    switch (event.type) {
      case types.MallRegistered:
      case types.MallChanged: {
        const mall = m.mall as Mall;
        return upsert(tx, t.catalog_malls, { id: mall.id, data: json(MallSchema, mall) });
      }
      case types.QueuePolicySet:
        return void (await tx.query(`update ${t.catalog_malls} set policy = $2 where id = $1`, [m.mallId, json(QueuePolicySchema, m.policy as QueuePolicy)]));
      case types.AgencyRegistered:
      case types.AgencyChanged:
        for (const ms of (m.agency as Agency).memberships) await upsert(tx, t.catalog_memberships, { agency_code: (m.agency as Agency).code, mall_id: ms.mallId, status: ms.status }, ['mall_id', 'agency_code']);
        return;
      case types.BoothRegistered:
      case types.BoothChanged: {
        const b = m.booth as Booth;
        return upsert(tx, t.catalog_booths, { id: b.id, agency_code: b.agencyCode, active: b.active, data: json(BoothSchema, b) });
      }
      case types.CounterRegistered:
      case types.CounterChanged: {
        const c = m.counter as Counter;
        return upsert(tx, t.catalog_counters, { id: c.id, mall_id: c.mallId, booth_id: c.boothId, name: c.name });
      }
      case types.QueueRegistered:
      case types.QueueChanged: {
        const q = m.queue as Queue;
        return upsert(tx, t.catalog_queues, { id: q.id, mall_id: q.mallId, prefix: q.prefix, active: q.active });
      }
      case types.ServiceRegistered:
      case types.ServiceChanged: {
        const s = m.service as Service;
        return upsert(tx, t.catalog_services, { id: s.id, mall_id: s.mallId, agency_code: s.agencyCode, queue_id: s.queueId, data: json(ServiceSchema, s) });
      }
      case types.OfficerRegistered:
      case types.OfficerChanged: {
        const o = m.officer as Officer;
        return upsert(tx, t.catalog_officers, { subject: o.subject, mall_id: o.mallId, agency_code: o.agencyCode, counter_ids: o.counterIds, active: o.active }, ['subject']);
      }
    }
  },
};
