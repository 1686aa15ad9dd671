import { fromJson, type DescMessage, type JsonValue, type MessageShape } from '@bufbuild/protobuf';
import {
  AgencySchema,
  BoothSchema,
  Channel,
  CounterSchema,
  MallSchema,
  MobileVisitSchema,
  NoticeSchema,
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
  type Notice,
  type Officer,
  type Queue,
  type QueuePolicy,
  type Service,
  type ServiceStandard,
} from '@mpp/contracts';
import type pg from 'pg';

const parse = <D extends DescMessage>(schema: D, data: unknown): MessageShape<D> => fromJson(schema, data as JsonValue, { ignoreUnknownFields: true });

/** Reads of the catalog view (`catalog.<table>`: views onto the live version of the read model). */
export function createCatalogQueries(db: pg.Pool, schema: string, trgm: string) {
  const t = (table: string) => `"${schema}"."${table}"`;
  const rows = async <R extends pg.QueryResultRow>(sql: string, params: unknown[] = []) => (await db.query<R>(sql, params)).rows;

  return {
    async mall(id: string): Promise<{ mall: Mall; policy: QueuePolicy | undefined; notice: Notice | undefined } | undefined> {
      const [row] = await rows<{ data: unknown; policy: unknown; notice: unknown }>(`select data, policy, notice from ${t('malls')} where id = $1`, [id]);
      if (!row) return undefined;
      return { mall: parse(MallSchema, row.data), policy: row.policy ? parse(QueuePolicySchema, row.policy) : undefined, notice: row.notice ? parse(NoticeSchema, row.notice) : undefined };
    },
    async malls(): Promise<Mall[]> {
      return (await rows<{ data: unknown }>(`select data from ${t('malls')} order by id`)).map((r) => parse(MallSchema, r.data));
    },
    async agency(code: string): Promise<Agency | undefined> {
      const [row] = await rows<{ data: unknown }>(`select data from ${t('agencies')} where code = $1`, [code]);
      return row ? parse(AgencySchema, row.data) : undefined;
    },
    async agencies(mallId: string): Promise<Agency[]> {
      const found = await rows<{ data: unknown }>(
        `select a.data from ${t('agencies')} a join ${t('memberships')} m on m.agency_code = a.code where m.mall_id = $1 order by a.name`,
        [mallId],
      );
      return found.map((r) => parse(AgencySchema, r.data));
    },
    async booths(mallId: string): Promise<{ booth: Booth; counters: Counter[] }[]> {
      const booths = await rows<{ id: string; data: unknown }>(`select id, data from ${t('booths')} where mall_id = $1 order by number`, [mallId]);
      const counters = await rows<{ booth_id: string; data: unknown }>(`select booth_id, data from ${t('counters')} where mall_id = $1 order by number`, [mallId]);
      return booths.map((b) => ({ booth: parse(BoothSchema, b.data), counters: counters.filter((c) => c.booth_id === b.id).map((c) => parse(CounterSchema, c.data)) }));
    },
    async boothsByIds(ids: readonly string[]): Promise<Booth[]> {
      if (ids.length === 0) return [];
      return (await rows<{ data: unknown }>(`select data from ${t('booths')} where id = any($1::text[])`, [ids])).map((r) => parse(BoothSchema, r.data));
    },
    async membershipStatus(agencyCode: string, mallId: string): Promise<number | undefined> {
      const [row] = await rows<{ status: number }>(`select status from ${t('memberships')} where agency_code = $1 and mall_id = $2`, [agencyCode, mallId]);
      return row?.status;
    },
    async queues(mallId: string): Promise<Queue[]> {
      return (await rows<{ data: unknown }>(`select data from ${t('queues')} where mall_id = $1 order by prefix`, [mallId])).map((r) => parse(QueueSchema, r.data));
    },
    async services(filter: { mallId: string; agencyCode?: string; channel?: Channel; queueId?: string; includeRetired?: boolean; after?: string; limit: number }): Promise<Service[]> {
      const where = ['mall_id = $1'];
      const params: unknown[] = [filter.mallId];
      const add = (sql: string, value: unknown) => where.push(sql.replace('?', `$${params.push(value)}`));
      if (filter.agencyCode) add('agency_code = ?', filter.agencyCode);
      if (filter.channel) add('? = any(channels)', filter.channel);
      if (filter.queueId) add('queue_id = ?', filter.queueId);
      if (!filter.includeRetired) add('status = ?', ServiceStatus.ACTIVE);
      if (filter.after) add('code > ?', filter.after);
      const found = await rows<{ data: unknown }>(`select data from ${t('services')} where ${where.join(' and ')} order by code limit $${params.push(filter.limit)}`, params);
      return found.map((r) => parse(ServiceSchema, r.data));
    },
    /**
     * Each word matches whole or as a prefix, or — misspelt — as one of the nearest words the
     * catalog knows (trigram similarity); every word must match (full-text: names weigh most,
     * then agency, then requirements); when none does, the whole query by trigram word
     * similarity. Ranked by text rank and by similarity to the name and the
     * agency's name ("bpjs kesehatan" → BPJS Kesehatan's services before other services that
     * mention BPJS).
     * Retired services are left out.
     */
    async search(mallId: string, query: string, limit: number): Promise<{ service: Service; agencyName: string; score: number }[]> {
      const words = (query.toLowerCase().normalize('NFKC').match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, 12);
      if (words.length === 0) return [];
      const near = await db.query<{ w: string; word: string; sim: number }>({
        name: `catalog-search-words-${schema}`,
        text: `select q.w, n.word, ${trgm}.similarity(n.word, q.w) as sim
               from unnest($1::text[]) as q(w)
               cross join lateral (select word from ${t('words')} order by word operator(${trgm}.<->) q.w limit 3) as n
               where length(q.w) > 3`,
        values: [words],
      });
      const tsquery = words
        .map((w) => {
          const alternatives = near.rows.filter((n) => n.w === w && n.word !== w && n.sim >= 0.35).map((n) => n.word);
          return `(${[`${w}:*`, ...alternatives].join(' | ')})`;
        })
        .join(' & ');
      const text = words.join(' ');
      // Scored on the index columns first; only the page's rows are read whole.
      const { rows: found } = await db.query<{ data: unknown; agency_name: string; score: number }>({
        name: `catalog-search-${schema}`,
        text: `with q as (select to_tsquery('simple', $2) as tsq),
               ranked as (
                 select s.id, ts_rank(s.search, q.tsq, 1) + ${trgm}.word_similarity($3, lower(s.name_text)) + ${trgm}.word_similarity($3, lower(s.agency_name)) as score
                 from ${t('services')} s, q
                 where s.mall_id = $1 and s.status = $5 and s.search @@ q.tsq
                 order by score desc, s.code
                 limit $4
               )
               select s.data, s.agency_name, r.score from ranked r join ${t('services')} s on s.id = r.id order by r.score desc, s.code`,
        values: [mallId, tsquery, text, limit, ServiceStatus.ACTIVE],
      });
      if (found.length > 0) return found.map((r) => ({ service: parse(ServiceSchema, r.data), agencyName: r.agency_name, score: Number(r.score) }));
      // Nothing matched every word (a short or badly misspelt one): the whole query by trigram
      // word similarity instead — slower, so only then.
      const { rows: similar } = await db.query<{ data: unknown; agency_name: string; score: number }>({
        name: `catalog-search-similar-${schema}`,
        text: `select data, agency_name, ${trgm}.word_similarity($2, search_text) as score
               from ${t('services')}
               where mall_id = $1 and status = $4 and $2 operator(${trgm}.<%) search_text
               order by score desc, code
               limit $3`,
        values: [mallId, text, limit, ServiceStatus.ACTIVE],
      });
      return similar.map((r) => ({ service: parse(ServiceSchema, r.data), agencyName: r.agency_name, score: Number(r.score) }));
    },
    async service(id: string): Promise<{ service: Service; agencyName: string; standard: ServiceStandard | undefined } | undefined> {
      const [row] = await rows<{ data: unknown; agency_name: string; standard: unknown }>(
        `select s.data, s.agency_name, st.data as standard from ${t('services')} s left join ${t('standards')} st on st.service_id = s.id where s.id = $1`,
        [id],
      );
      if (!row) return undefined;
      return { service: parse(ServiceSchema, row.data), agencyName: row.agency_name, standard: row.standard ? parse(ServiceStandardSchema, row.standard) : undefined };
    },
    async mobileVisits(mallId: string, from: string, to: string): Promise<MobileVisit[]> {
      const found = await rows<{ data: unknown }>(
        `select data from ${t('mobile_visits')} where mall_id = $1 and ($2 = '' or date >= $2) and ($3 = '' or date <= $3) order by date, id`,
        [mallId, from, to],
      );
      return found.map((r) => parse(MobileVisitSchema, r.data));
    },
    async officer(subject: string): Promise<Officer | undefined> {
      const [row] = await rows<{ data: unknown }>(`select data from ${t('officers')} where subject = $1`, [subject]);
      return row ? parse(OfficerSchema, row.data) : undefined;
    },
    async officers(mallId: string, agencyCode: string): Promise<Officer[]> {
      const found = await rows<{ data: unknown }>(`select data from ${t('officers')} where mall_id = $1 and ($2 = '' or agency_code = $2) order by subject`, [mallId, agencyCode]);
      return found.map((r) => parse(OfficerSchema, r.data));
    },
  };
}

export type CatalogQueries = ReturnType<typeof createCatalogQueries>;
