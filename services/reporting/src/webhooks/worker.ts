import type { Logger } from '@mpp/telemetry';
import type pg from 'pg';
import { deliveryCounter, observePendingDeliveries } from './metrics.js';
import { webhookTables } from './schema.js';
import { sign, SIGNATURE_HEADER } from './signature.js';
import { refusedTarget } from './targets.js';

export interface DeliveryPolicy {
  /** Attempts per delivery before it is given up (kept in the log as failed). */
  readonly maxAttempts: number;
  /** The wait after the first failed attempt, doubled after each next one… */
  readonly backoffMs: number;
  /** …up to this. */
  readonly maxBackoffMs: number;
  /** Failed attempts in a row (any delivery) after which the webhook is disabled. */
  readonly disableAfter: number;
  /** How long one POST may take. */
  readonly timeoutMs: number;
  /** http and private addresses allowed (a LAN deployment). */
  readonly allowPrivateTargets: boolean;
}

export interface WebhookWorkerOptions {
  readonly db: pg.Pool;
  readonly schema: string;
  readonly policy: DeliveryPolicy;
  /** How often due deliveries are looked for when there were none. */
  readonly pollMs: number;
  /** Deliveries sent at once. */
  readonly concurrency?: number;
  readonly log: Logger;
}

export interface WebhookWorker {
  start(): void;
  /** Finishes the deliveries in hand, takes no more. */
  stop(): Promise<void>;
  /** Sends what is due now, once (tests). Returns how many were tried. */
  runOnce(): Promise<number>;
}

interface Claimed {
  id: string;
  webhook_id: string;
  event_id: string;
  body: string;
  attempts: number;
  url: string;
  secret: string;
}

/** How long the delivery log keeps what is done with. */
export const LOG_RETENTION_DAYS = 30;

type Outcome = { ok: true; status: number } | { ok: false; status: number; error: string };

/** The wait before the next attempt after `attempts` failed ones, with ±20 % jitter so a recovering endpoint is not hit all at once. */
export function backoffAfter(attempts: number, policy: Pick<DeliveryPolicy, 'backoffMs' | 'maxBackoffMs'>, random = Math.random): number {
  const base = Math.min(policy.backoffMs * 2 ** Math.max(0, attempts - 1), policy.maxBackoffMs);
  return Math.round(base * (0.8 + 0.4 * random()));
}

/**
 * Sends queued webhook deliveries: at least once, each signed, retried with exponential backoff,
 * every attempt recorded. Several replicas may run it: a delivery is leased to one sender (`for
 * update skip locked`), and a lease that runs out (a sender died) lets another take it. Deliveries
 * are not ordered: a receiver orders by the event's `time` and drops repeats by its `id`.
 */
export function createWebhookWorker(options: WebhookWorkerOptions): WebhookWorker {
  const { db, policy, log } = options;
  const t = webhookTables(options.schema);
  const batch = options.concurrency ?? 16;
  const leaseMs = policy.timeoutMs * 2 + 5_000;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  let stopped = true;
  const countAttempt = deliveryCounter(options.schema);
  let stopObserving: (() => void) | undefined;

  async function claim(): Promise<Claimed[]> {
    const { rows } = await db.query<Claimed>(
      `with due as (
         select d.id from ${t.deliveries} d join ${t.webhooks} w on w.id = d.webhook_id
          where d.status = 'pending' and w.status = 'active' and d.next_attempt_at <= now()
            and (d.leased_until is null or d.leased_until < now())
          order by d.next_attempt_at, d.created_at
          limit $1
          for update of d skip locked)
       update ${t.deliveries} d set leased_until = now() + make_interval(secs => $2::double precision / 1000), attempts = d.attempts + 1
         from due, ${t.webhooks} w
        where d.id = due.id and w.id = d.webhook_id
       returning d.id, d.webhook_id, d.event_id, d.body, d.attempts, w.url, w.secret`,
      [batch, leaseMs],
    );
    return rows;
  }

  async function post(d: Claimed): Promise<Outcome> {
    try {
      const refused = await refusedTarget(d.url, policy.allowPrivateTargets);
      if (refused) return { ok: false, status: 0, error: refused };
      const timestamp = Math.floor(Date.now() / 1000);
      const res = await fetch(d.url, {
        method: 'POST',
        redirect: 'manual', // a redirect could lead anywhere, inside the network too: it is a failure
        signal: AbortSignal.timeout(policy.timeoutMs),
        headers: {
          'content-type': 'application/cloudevents+json; charset=utf-8',
          'user-agent': 'mpp-webhooks/1',
          [SIGNATURE_HEADER]: sign(d.secret, timestamp, d.body),
          'mpp-webhook-id': d.webhook_id,
          'mpp-delivery-id': d.id,
          'mpp-delivery-attempt': String(d.attempts),
          'mpp-event-id': d.event_id,
        },
        body: d.body,
      });
      await res.body?.cancel().catch(() => undefined);
      if (res.status >= 200 && res.status < 300) return { ok: true, status: res.status };
      return { ok: false, status: res.status, error: `the endpoint answered HTTP ${res.status}` };
    } catch (error) {
      const e = error as Error & { cause?: { code?: string; message?: string } };
      const why = e.name === 'TimeoutError' ? `no answer within ${policy.timeoutMs} ms` : (e.cause?.code ?? e.cause?.message ?? e.message);
      return { ok: false, status: 0, error: `could not deliver: ${why}` };
    }
  }

  async function record(d: Claimed, outcome: Outcome): Promise<void> {
    if (outcome.ok) {
      await db.query(
        `with d as (update ${t.deliveries} set status = 'delivered', delivered_at = now(), leased_until = null, last_status_code = $2, last_error = '' where id = $1 returning webhook_id)
         update ${t.webhooks} w set consecutive_failures = 0, last_success_at = now() from d where w.id = d.webhook_id`,
        [d.id, outcome.status],
      );
      countAttempt('delivered');
      return;
    }
    const giveUp = d.attempts >= policy.maxAttempts;
    const { rows } = await db.query<{ disabled: boolean }>(
      `with d as (
         update ${t.deliveries} set status = case when $3 then 'failed' else 'pending' end,
                next_attempt_at = now() + make_interval(secs => $4::double precision / 1000), leased_until = null, last_status_code = $2, last_error = $5
          where id = $1 returning webhook_id)
       update ${t.webhooks} w set consecutive_failures = w.consecutive_failures + 1,
              status = case when w.consecutive_failures + 1 >= $6 then 'disabled' else w.status end,
              disabled_at = case when w.consecutive_failures + 1 >= $6 and w.status = 'active' then now() else w.disabled_at end,
              disabled_reason = case when w.consecutive_failures + 1 >= $6 and w.status = 'active' then $7 else w.disabled_reason end
         from d where w.id = d.webhook_id
       returning w.status = 'disabled' and w.consecutive_failures = $6 as disabled`,
      [d.id, outcome.status, giveUp, backoffAfter(d.attempts, policy), outcome.error.slice(0, 1000), policy.disableAfter,
        `disabled after ${policy.disableAfter} failed attempts in a row; last: ${outcome.error}`.slice(0, 1000)],
    );
    countAttempt(giveUp ? 'given_up' : 'failed_attempt');
    if (rows[0]?.disabled) log.warn({ webhookId: d.webhook_id, error: outcome.error }, 'webhook disabled after failures in a row');
    else log.info({ webhookId: d.webhook_id, deliveryId: d.id, attempts: d.attempts, giveUp, error: outcome.error }, 'webhook delivery failed');
  }

  /** Delivered and given-up deliveries leave the log after LOG_RETENTION_DAYS; pending ones stay. */
  let prunedAt = 0;
  async function prune(): Promise<void> {
    if (Date.now() - prunedAt < 3_600_000) return;
    prunedAt = Date.now();
    await db.query(`delete from ${t.deliveries} where status <> 'pending' and created_at < now() - make_interval(days => $1)`, [LOG_RETENTION_DAYS]);
  }

  async function runOnce(): Promise<number> {
    await prune();
    const due = await claim();
    await Promise.all(due.map(async (d) => record(d, await post(d))));
    return due.length;
  }

  function schedule(ms: number) {
    if (stopped) return;
    timer = setTimeout(() => {
      running = runOnce()
        .then((n) => schedule(n >= batch ? 0 : options.pollMs))
        .catch((error: unknown) => {
          log.warn({ err: error }, 'webhook deliveries could not be read; trying again');
          schedule(Math.max(options.pollMs, 1_000));
        });
    }, ms);
  }

  return {
    start() {
      if (!stopped) return;
      stopped = false;
      stopObserving = observePendingDeliveries(db, options.schema);
      schedule(0);
    },
    async stop() {
      stopped = true;
      stopObserving?.();
      stopObserving = undefined;
      clearTimeout(timer);
      await running;
    },
    runOnce,
  };
}
