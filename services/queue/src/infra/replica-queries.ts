import { fromJson, type JsonValue } from '@bufbuild/protobuf';
import { BoothSchema, MallSchema, QueuePolicySchema, ServiceSchema, type MembershipStatus } from '@mpp/contracts';
import type pg from 'pg';
import type { ServiceFacts } from '../domain/rules.js';

const parse = <T>(schema: Parameters<typeof fromJson>[0], data: unknown) => fromJson(schema, data as JsonValue, { ignoreUnknownFields: true }) as T;

/** Reads of the queue's catalog replica (views onto its live version). */
export function createReplicaQueries(db: pg.Pool, schema = 'queue') {
  const t = (table: string) => `"${schema}"."${table}"`;
  return {
    /** Everything the rules need about a service, in one round trip; undefined for an unknown service. */
    async serviceFacts(serviceId: string): Promise<(ServiceFacts & { queuePrefix: string }) | undefined> {
      const { rows } = await db.query<{ service: unknown; mall: unknown; policy: unknown; status: number | null; prefix: string | null; active: boolean | null; booths: unknown[] | null }>({
        name: `queue-service-facts-${schema}`,
        text: `select s.data as service, m.data as mall, m.policy, ms.status, q.prefix, q.active,
                      (select array_agg(b.data) from ${t('catalog_booths')} b where b.id = any(array(select jsonb_array_elements_text(coalesce(s.data->'boothIds', '[]'))))) as booths
               from ${t('catalog_services')} s
               join ${t('catalog_malls')} m on m.id = s.mall_id
               left join ${t('catalog_memberships')} ms on ms.mall_id = s.mall_id and ms.agency_code = s.agency_code
               left join ${t('catalog_queues')} q on q.id = s.queue_id
               where s.id = $1`,
        values: [serviceId],
      });
      const r = rows[0];
      if (!r) return undefined;
      return {
        service: parse(ServiceSchema, r.service),
        mall: parse(MallSchema, r.mall),
        policy: r.policy ? parse(QueuePolicySchema, r.policy) : undefined,
        agencyStatus: (r.status ?? undefined) as MembershipStatus | undefined,
        queueActive: r.active ?? false,
        queuePrefix: r.prefix ?? '',
        booths: (r.booths ?? []).map((b) => parse(BoothSchema, b)),
      };
    },
    /** A counter, its booth's agency, and its mall; undefined for an unknown counter. */
    async counter(counterId: string): Promise<{ id: string; mallId: string; boothId: string; agencyCode: string; boothActive: boolean } | undefined> {
      const { rows } = await db.query<{ id: string; mall_id: string; booth_id: string; agency_code: string | null; active: boolean | null }>({
        name: `queue-counter-${schema}`,
        text: `select c.id, c.mall_id, c.booth_id, b.agency_code, b.active from ${t('catalog_counters')} c left join ${t('catalog_booths')} b on b.id = c.booth_id where c.id = $1`,
        values: [counterId],
      });
      const r = rows[0];
      return r && { id: r.id, mallId: r.mall_id, boothId: r.booth_id, agencyCode: r.agency_code ?? '', boothActive: r.active ?? false };
    },
    /** The roster entry of an officer (by the identity-provider subject). */
    async officer(subject: string): Promise<{ subject: string; mallId: string; agencyCode: string; counterIds: string[]; active: boolean } | undefined> {
      const { rows } = await db.query<{ subject: string; mall_id: string; agency_code: string; counter_ids: string[]; active: boolean }>({
        name: `queue-officer-${schema}`,
        text: `select subject, mall_id, agency_code, counter_ids, active from ${t('catalog_officers')} where subject = $1`,
        values: [subject],
      });
      const r = rows[0];
      return r && { subject: r.subject, mallId: r.mall_id, agencyCode: r.agency_code, counterIds: r.counter_ids, active: r.active };
    },
    /** Services of a mall by id or by queue, with their agency and queue. */
    async services(mallId: string, by: { serviceIds?: readonly string[]; queueIds?: readonly string[] }): Promise<{ id: string; agencyCode: string; queueId: string; retired: boolean }[]> {
      const { rows } = await db.query<{ id: string; agency_code: string; queue_id: string; status: string | null }>({
        name: `queue-services-${schema}`,
        text: `select id, agency_code, queue_id, data->>'status' as status from ${t('catalog_services')}
               where mall_id = $1 and (id = any($2::text[]) or queue_id = any($3::text[])) order by id`,
        values: [mallId, by.serviceIds ?? [], by.queueIds ?? []],
      });
      return rows.map((r) => ({ id: r.id, agencyCode: r.agency_code, queueId: r.queue_id, retired: r.status === 'SERVICE_STATUS_RETIRED' }));
    },
    /** Counters in the given booths (a service's capacity). */
    async counterCount(boothIds: readonly string[]): Promise<number> {
      const { rows } = await db.query<{ n: number }>({ name: `queue-counter-count-${schema}`, text: `select count(*)::int as n from ${t('catalog_counters')} where booth_id = any($1::text[])`, values: [boothIds] });
      return rows[0]!.n;
    },
    async serviceCount(mallId: string): Promise<number> {
      const { rows } = await db.query<{ n: number }>(`select count(*)::int as n from ${t('catalog_services')} where mall_id = $1`, [mallId]);
      return rows[0]!.n;
    },
  };
}
