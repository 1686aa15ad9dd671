import { counter, observeGauges } from '@mpp/telemetry';
import type { Backlog } from './backlog.js';

/**
 * The event store's Prometheus metrics (DESIGN.md §9), each series labelled with its `service`:
 * the schema the relay or consumer works in, which is the service's name.
 */
export const OUTBOX_BACKLOG = 'mpp_outbox_backlog_events';
export const OUTBOX_OLDEST_AGE = 'mpp_outbox_oldest_age_seconds';
export const CONSUMER_LAG = 'mpp_consumer_lag_events';

/** Observes the outbox gauges from `read` on each scrape; returns what stops observing. */
export function observeOutbox(service: string, read: () => Promise<Backlog>): () => void {
  return observeGauges(
    [
      { name: OUTBOX_BACKLOG, description: 'events in the service\'s log not yet published to Kafka by its outbox relay' },
      { name: OUTBOX_OLDEST_AGE, description: 'age of the oldest event not yet published (0 when none)', unit: 's' },
    ],
    async () => {
      const backlog = await read();
      const attributes = { service };
      return { [OUTBOX_BACKLOG]: [{ value: backlog.events, attributes }], [OUTBOX_OLDEST_AGE]: [{ value: backlog.oldestAgeSeconds, attributes }] };
    },
  );
}

/** Observes a PostgreSQL-log consumer's lag behind its source on each scrape (Kafka's lag comes from the Kafka Exporter). */
export function observeLogConsumerLag(labels: { service: string; consumer: string; source: string }, read: () => Promise<number>): () => void {
  return observeGauges([{ name: CONSUMER_LAG, description: 'events in the source\'s PostgreSQL log after the consumer\'s position' }], async () => ({
    [CONSUMER_LAG]: [{ value: await read(), attributes: { ...labels } }],
  }));
}

/** What a consumer counts, whatever its transport. */
export interface ConsumerCounters {
  applied(events: number): void;
  /** A batch that failed and will be tried again. */
  failed(): void;
  deadLettered(events: number): void;
}

/**
 * `mpp_consumer_applied_events_total`, `mpp_consumer_failures_total` and `mpp_dead_letters_total`
 * of one consumer. Each starts at 0, so an alert on its increase sees the first one.
 */
export function consumerCounters(labels: { service: string; consumer: string; transport: 'kafka' | 'log' }): ConsumerCounters {
  const attributes = { ...labels };
  const applied = counter('mpp_consumer_applied_events_total', 'events a consumer applied to its read model');
  const failures = counter('mpp_consumer_failures_total', 'consumer batches that failed and are tried again');
  const deadLetters = counter('mpp_dead_letters_total', 'events a consumer set aside as dead letters (<topic>.dlq or dead_letters)');
  for (const c of [applied, failures, deadLetters]) c.add(0, attributes);
  return {
    applied: (events) => applied.add(events, attributes),
    failed: () => failures.add(1, attributes),
    deadLettered: (events) => deadLetters.add(events, attributes),
  };
}
