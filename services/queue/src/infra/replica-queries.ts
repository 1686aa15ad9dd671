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
    async serviceCount(mallId: string): Promise<number> {
      const { rows } = await db.query<{ n: number }>(`select count(*)::int as n from ${t('catalog_services')} where mall_id = $1`, [mallId]);
      return rows[0]!.n;
    },
  };
}
