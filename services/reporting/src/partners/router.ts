import { RetryLaterError, type ConsumedEvent, type ProjectionDefinition } from '@mpp/eventstore';
import type { KafkaClient, OutgoingMessage, Producer } from '@mpp/kafka';
import { partnerTopicSpec } from '@mpp/runtime';
import type pg from 'pg';
import { migrateWebhooks, webhookTables } from '../webhooks/schema.js';
import type { Grants } from './entitlements.js';
import { routeEvent, type PartnerEvent } from './route.js';

export interface PartnerRouterOptions {
  readonly schema: string;
  readonly grants: Grants;
  /** Where partner topics live; absent in single-node mode (webhooks only). */
  readonly kafka?: KafkaClient;
  /** KAFKA_TOPIC_PREFIX. */
  readonly topicPrefix: string;
}

/**
 * The partner router (DESIGN.md §5): each event an agency is entitled to, with its personal data
 * masked or dropped by the contract's markings, goes to the agency's topic
 * `mpp.partner.<agency-code>.v1` (keyed and with CloudEvents headers as on the source topic) and
 * into the delivery queue of each of the agency's webhooks.
 *
 * It runs as a consumer of the reporting service with its own checkpoint, so it is as durable as
 * a read model: webhook deliveries are queued in the checkpoint's transaction (exactly once per
 * webhook and event); the topic gets each event at least once (a retry after a failure may
 * publish it again, with the same `ce_id`). A broker that refuses the publish holds the
 * partition (retried with backoff, never dead-lettered); an event whose bytes are not its type is
 * dead-lettered like any poison message.
 */
export interface PartnerRouter extends ProjectionDefinition {
  /** Closes its producer; a publish after it fails (to be retried by whoever runs next). */
  close(): Promise<void>;
}

export function partnerRouter(options: PartnerRouterOptions): PartnerRouter {
  const { kafka, grants, topicPrefix } = options;
  const t = webhookTables(options.schema);
  const ensured = new Set<string>();
  let producer: Promise<Producer> | undefined;
  let closed = false;

  async function publish(routed: readonly PartnerEvent[]): Promise<void> {
    if (!kafka || routed.length === 0) return;
    const byTopic = new Map<string, OutgoingMessage[]>();
    for (const r of routed) {
      const spec = partnerTopicSpec(r.agencyCode, topicPrefix);
      const list = byTopic.get(spec.topic) ?? [];
      list.push({ key: r.key, value: r.value, headers: r.headers });
      byTopic.set(spec.topic, list);
    }
    try {
      if (closed) throw new Error('the router is stopping');
      const missing = [...new Set(routed.map((r) => r.agencyCode))].map((code) => partnerTopicSpec(code, topicPrefix)).filter((s) => !ensured.has(s.topic));
      if (missing.length > 0) {
        await kafka.ensureTopics(missing);
        missing.forEach((s) => ensured.add(s.topic));
      }
      producer ??= kafka.producer();
      const p = await producer;
      // One topic after another, each in the batch's order: per key, the source's order holds.
      for (const [topic, messages] of byTopic) await p.send(topic, messages);
    } catch (error) {
      // Start afresh next time: a new connection, and the topics checked again (one may have been deleted).
      producer = undefined;
      ensured.clear();
      throw new RetryLaterError(`partner topics could not be written: ${(error as Error).message}`, { cause: error });
    }
  }

  async function queueDeliveries(routed: readonly PartnerEvent[], tx: pg.PoolClient): Promise<void> {
    if (routed.length === 0) return;
    await tx.query(
      `insert into ${t.deliveries} (webhook_id, event_id, event_type, body)
       select w.id, e.id, e.type, e.body
         from unnest($1::text[], $2::uuid[], $3::text[], $4::text[]) as e(agency_code, id, type, body)
         join ${t.webhooks} w on w.agency_code = e.agency_code and (cardinality(w.event_types) = 0 or e.type = any(w.event_types))
       on conflict (webhook_id, event_id) do nothing`,
      [routed.map((r) => r.agencyCode), routed.map((r) => r.id), routed.map((r) => r.type), routed.map((r) => JSON.stringify(r.json))],
    );
  }

  async function route(events: readonly ConsumedEvent[], tx: pg.PoolClient): Promise<void> {
    const routed = events.map((e) => routeEvent(e, grants)).filter((r): r is PartnerEvent => r !== undefined);
    await queueDeliveries(routed, tx);
    await publish(routed);
  }

  return {
    name: 'partner_router',
    // Its state is the checkpoint and the webhook tables, which are not rebuilt with it.
    tables: [],
    async setup(tx) {
      await migrateWebhooks(tx, options.schema);
    },
    apply: (event, tx) => route([event], tx),
    applyBatch: (events, tx) => route(events, tx),
    async close() {
      closed = true;
      const p = producer;
      producer = undefined;
      await (await p?.catch(() => undefined))?.close();
    },
  };
}
