import { counter, observeGauges } from '@mpp/telemetry';
import type pg from 'pg';
import { webhookTables } from './schema.js';

/** What became of one delivery attempt: sent, failed and to be tried again, or failed for the last time. */
export type DeliveryOutcome = 'delivered' | 'failed_attempt' | 'given_up';

const OUTCOMES: readonly DeliveryOutcome[] = ['delivered', 'failed_attempt', 'given_up'];
export const PENDING_DELIVERIES = 'mpp_webhook_pending_deliveries';

/** `mpp_webhook_deliveries_total{outcome}`, each outcome from 0; returns what counts one attempt. */
export function deliveryCounter(service: string): (outcome: DeliveryOutcome) => void {
  const attempts = counter('mpp_webhook_deliveries_total', 'webhook delivery attempts by outcome (given_up: the last failed attempt)');
  for (const outcome of OUTCOMES) attempts.add(0, { service, outcome });
  return (outcome) => attempts.add(1, { service, outcome });
}

/** `mpp_webhook_pending_deliveries`: deliveries waiting to be sent (due or not, of active or disabled webhooks), on each scrape. */
export function observePendingDeliveries(db: pg.Pool, schema: string): () => void {
  const t = webhookTables(schema);
  return observeGauges([{ name: PENDING_DELIVERIES, description: 'webhook deliveries not yet sent or given up' }], async () => {
    const { rows } = await db.query<{ pending: number }>(`select count(*)::float8 as pending from ${t.deliveries} where status = 'pending'`);
    return { [PENDING_DELIVERIES]: [{ value: rows[0]!.pending, attributes: { service: schema } }] };
  });
}
