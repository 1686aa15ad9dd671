import { BoothChangedSchema, BoothRegisteredSchema, CounterChangedSchema, CounterRegisteredSchema, ServiceChangedSchema, ServiceRegisteredSchema, type Booth, type Counter, type Service } from '@mpp/contracts';
import { EventTypes, upsert, type ProjectionDefinition } from '@mpp/eventstore';

/** The catalog's events the survey reads (`mpp.catalog.v1`, through the contracts only). */
const catalogEvents = new EventTypes();
const BoothRegistered = catalogEvents.register(BoothRegisteredSchema);
const BoothChanged = catalogEvents.register(BoothChangedSchema);
const CounterRegistered = catalogEvents.register(CounterRegisteredSchema);
const CounterChanged = catalogEvents.register(CounterChangedSchema);
const ServiceRegistered = catalogEvents.register(ServiceRegisteredSchema);
const ServiceChanged = catalogEvents.register(ServiceChangedSchema);

const TABLES = ['survey_counters', 'survey_booths', 'survey_services'] as const;
type Tables = Readonly<Record<(typeof TABLES)[number], string>>;

/**
 * What the survey needs of the catalog: which booth (gerai) each counter (loket) is in and whose
 * booth it is (the IKM per booth), and whose each service is (a complaint's agency, who reads a
 * service's IKM).
 */
export const catalogProjection: ProjectionDefinition = {
  name: 'survey_catalog',
  tables: TABLES,
  async setup(tx, names) {
    const t = names as Tables;
    await tx.query(`
      create table if not exists ${t.survey_counters} (id text primary key, booth_id text not null);
      create table if not exists ${t.survey_booths} (id text primary key, mall_id text not null, agency_code text not null);
      create table if not exists ${t.survey_services} (id text primary key, mall_id text not null, agency_code text not null);
    `);
  },
  async apply(event, tx, names) {
    const t = names as Tables;
    const type = catalogEvents.get(event.type);
    if (!type) return;
    const message = catalogEvents.decode(event).message as unknown as { booth?: Booth; counter?: Counter; service?: Service };
    if ((type === BoothRegistered || type === BoothChanged) && message.booth) {
      await upsert(tx, t.survey_booths, { id: message.booth.id, mall_id: message.booth.mallId, agency_code: message.booth.agencyCode });
    } else if ((type === CounterRegistered || type === CounterChanged) && message.counter) {
      await upsert(tx, t.survey_counters, { id: message.counter.id, booth_id: message.counter.boothId });
    } else if ((type === ServiceRegistered || type === ServiceChanged) && message.service) {
      await upsert(tx, t.survey_services, { id: message.service.id, mall_id: message.service.mallId, agency_code: message.service.agencyCode });
    }
  },
};
