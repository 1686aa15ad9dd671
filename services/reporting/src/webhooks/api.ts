import { randomUUID } from 'node:crypto';
import type { MessageInitShape } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { DeliveryStatus, Role, WebhookStatus, type Actor, type ReportingService, type WebhookDeliverySchema, type WebhookSchema } from '@mpp/contracts';
import { AppError } from '@mpp/errors';
import type { ServiceImpl } from '@mpp/grpc';
import type pg from 'pg';
import { ENTITLEMENTS, isEntitled, type Grants } from '../partners/entitlements.js';
import { checkTargetUrl } from './targets.js';
import { newSecret } from './signature.js';
import { webhookTables } from './schema.js';

/** Webhooks one agency may have at once. */
export const MAX_WEBHOOKS_PER_AGENCY = 10;
const MAX_PAGE = 500;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type WebhookRpcs = Pick<ServiceImpl<typeof ReportingService>, 'createWebhook' | 'listWebhooks' | 'getWebhook' | 'deleteWebhook' | 'enableWebhook' | 'rotateWebhookSecret' | 'listWebhookDeliveries'>;

export interface WebhookApiDeps {
  readonly db: pg.Pool;
  readonly schema: string;
  readonly grants: Grants;
  /** WEBHOOK_ALLOW_PRIVATE_TARGETS: http and private addresses allowed (a LAN deployment, tests). */
  readonly allowPrivateTargets: boolean;
}

interface WebhookRow {
  id: string;
  agency_code: string;
  url: string;
  event_types: string[];
  description: string;
  status: 'active' | 'disabled';
  disabled_reason: string;
  consecutive_failures: number;
  created_at: Date;
  disabled_at: Date | null;
  last_success_at: Date | null;
  pending: string;
}

interface DeliveryRow {
  id: string;
  webhook_id: string;
  event_id: string;
  event_type: string;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  created_at: Date;
  next_attempt_at: Date;
  delivered_at: Date | null;
  last_status_code: number;
  last_error: string;
}

const STATUS = { active: WebhookStatus.ACTIVE, disabled: WebhookStatus.DISABLED } as const;
const DELIVERY = { pending: DeliveryStatus.PENDING, delivered: DeliveryStatus.DELIVERED, failed: DeliveryStatus.FAILED } as const;
const DELIVERY_WORD: Partial<Record<DeliveryStatus, DeliveryRow['status']>> = { [DeliveryStatus.PENDING]: 'pending', [DeliveryStatus.DELIVERED]: 'delivered', [DeliveryStatus.FAILED]: 'failed' };

const webhookOf = (r: WebhookRow): MessageInitShape<typeof WebhookSchema> => ({
  id: r.id,
  agencyCode: r.agency_code,
  url: r.url,
  eventTypes: r.event_types,
  description: r.description,
  status: STATUS[r.status],
  disabledReason: r.disabled_reason,
  consecutiveFailures: r.consecutive_failures,
  createdAt: timestampFromDate(r.created_at),
  ...(r.disabled_at ? { disabledAt: timestampFromDate(r.disabled_at) } : {}),
  ...(r.last_success_at ? { lastSuccessAt: timestampFromDate(r.last_success_at) } : {}),
  pendingDeliveries: Number(r.pending),
});

const deliveryOf = (r: DeliveryRow): MessageInitShape<typeof WebhookDeliverySchema> => ({
  id: r.id,
  webhookId: r.webhook_id,
  eventId: r.event_id,
  eventType: r.event_type,
  status: DELIVERY[r.status],
  attempts: r.attempts,
  createdAt: timestampFromDate(r.created_at),
  ...(r.status === 'pending' ? { nextAttemptAt: timestampFromDate(r.next_attempt_at) } : {}),
  ...(r.delivered_at ? { deliveredAt: timestampFromDate(r.delivered_at) } : {}),
  lastStatusCode: r.last_status_code,
  lastError: r.last_error,
});

/** Webhooks are a partner's own: the partner role, for the agency its token names. */
function partnerOf(actor: Actor | undefined): string {
  if (!actor || actor.role === Role.UNSPECIFIED) throw new AppError('unauthenticated', 'sign in as a partner agency to manage its webhooks');
  if (actor.role !== Role.PARTNER || actor.agencyCode === '') throw new AppError('forbidden', 'only a partner agency manages webhooks, and only its own');
  return actor.agencyCode;
}

function idOf(id: string): string {
  if (!UUID.test(id)) throw new AppError('invalid', 'id must be a webhook id (a UUID)', { violations: [{ field: 'id', reason: 'is not a webhook id' }] });
  return id;
}

function checkEventTypes(agencyCode: string, types: readonly string[], grants: Grants): string[] {
  const unique = [...new Set(types.map((t) => t.trim()))];
  if (unique.length > 64) throw new AppError('invalid', 'at most 64 event types', { violations: [{ field: 'event_types', reason: 'more than 64' }] });
  const refused = unique.filter((t) => !isEntitled(agencyCode, t, grants));
  if (refused.length > 0) {
    const known = Object.values(ENTITLEMENTS).flat().filter((t) => isEntitled(agencyCode, t, grants));
    throw new AppError('invalid', `${agencyCode} does not receive ${refused.join(', ')}; it receives ${known.join(', ')}`, {
      violations: refused.map((t) => ({ field: 'event_types', reason: `${t} is not an event ${agencyCode} receives` })),
    });
  }
  return unique;
}

/** The partner webhook RPCs of the reporting API (webhooks.proto). */
export function webhookApi(deps: WebhookApiDeps): WebhookRpcs {
  const { db, grants } = deps;
  const t = webhookTables(deps.schema);
  const select = `select w.id, w.agency_code, w.url, w.event_types, w.description, w.status, w.disabled_reason, w.consecutive_failures,
      w.created_at, w.disabled_at, w.last_success_at,
      (select count(*) from ${t.deliveries} d where d.webhook_id = w.id and d.status = 'pending') as pending
    from ${t.webhooks} w`;

  async function own(id: string, agencyCode: string, db_: pg.Pool | pg.PoolClient = db): Promise<WebhookRow> {
    const { rows } = await db_.query<WebhookRow>(`${select} where w.id = $1 and w.agency_code = $2`, [idOf(id), agencyCode]);
    // Another agency's webhook is "not found" too: its existence is not this partner's business.
    if (!rows[0]) throw new AppError('not_found', `no webhook ${id} of ${agencyCode}`);
    return rows[0];
  }

  return {
    async createWebhook(req, ctx) {
      const agencyCode = partnerOf(ctx.actor);
      const url = checkTargetUrl(req.url.trim(), deps.allowPrivateTargets);
      const eventTypes = checkEventTypes(agencyCode, req.eventTypes, grants);
      if (req.description.length > 500) throw new AppError('invalid', 'description is longer than 500 characters', { violations: [{ field: 'description', reason: 'longer than 500 characters' }] });
      const secret = newSecret();
      const id = randomUUID();
      const client = await db.connect();
      try {
        await client.query('begin');
        // One agency's creations take turns, so two at once cannot both pass the limit.
        await client.query('select pg_advisory_xact_lock(hashtext($1))', [`webhooks:${agencyCode}`]);
        const { rows } = await client.query<{ n: string }>(`select count(*) as n from ${t.webhooks} where agency_code = $1`, [agencyCode]);
        if (Number(rows[0]!.n) >= MAX_WEBHOOKS_PER_AGENCY) throw new AppError('illegal_state', `${agencyCode} already has ${MAX_WEBHOOKS_PER_AGENCY} webhooks; delete one first`);
        await client.query(`insert into ${t.webhooks} (id, agency_code, url, event_types, description, secret) values ($1, $2, $3, $4, $5, $6)`, [id, agencyCode, url, eventTypes, req.description, secret]);
        const webhook = await own(id, agencyCode, client);
        await client.query('commit');
        return { webhook: webhookOf(webhook), secret };
      } catch (error) {
        await client.query('rollback');
        throw error;
      } finally {
        client.release();
      }
    },
    async listWebhooks(_req, ctx) {
      const agencyCode = partnerOf(ctx.actor);
      const { rows } = await db.query<WebhookRow>(`${select} where w.agency_code = $1 order by w.created_at, w.id`, [agencyCode]);
      return { webhooks: rows.map(webhookOf) };
    },
    async getWebhook(req, ctx) {
      return { webhook: webhookOf(await own(req.id, partnerOf(ctx.actor))) };
    },
    async deleteWebhook(req, ctx) {
      const agencyCode = partnerOf(ctx.actor);
      await own(req.id, agencyCode);
      await db.query(`delete from ${t.webhooks} where id = $1 and agency_code = $2`, [req.id, agencyCode]);
      return {};
    },
    async enableWebhook(req, ctx) {
      const agencyCode = partnerOf(ctx.actor);
      await own(req.id, agencyCode);
      // Its queued deliveries are due at once; their attempts start again from zero.
      await db.query(
        `with w as (update ${t.webhooks} set status = 'active', disabled_reason = '', disabled_at = null, consecutive_failures = 0 where id = $1 and agency_code = $2 returning id)
         update ${t.deliveries} d set next_attempt_at = now(), attempts = 0 from w where d.webhook_id = w.id and d.status = 'pending'`,
        [req.id, agencyCode],
      );
      return { webhook: webhookOf(await own(req.id, agencyCode)) };
    },
    async rotateWebhookSecret(req, ctx) {
      const agencyCode = partnerOf(ctx.actor);
      await own(req.id, agencyCode);
      const secret = newSecret();
      await db.query(`update ${t.webhooks} set secret = $3 where id = $1 and agency_code = $2`, [req.id, agencyCode, secret]);
      return { webhook: webhookOf(await own(req.id, agencyCode)), secret };
    },
    async listWebhookDeliveries(req, ctx) {
      const agencyCode = partnerOf(ctx.actor);
      await own(req.id, agencyCode);
      const size = req.pageSize === 0 ? 50 : Math.min(req.pageSize, MAX_PAGE);
      const status = DELIVERY_WORD[req.status] ?? null;
      let after: [Date, string] | undefined;
      if (req.pageToken) {
        const [at, id] = Buffer.from(req.pageToken, 'base64url').toString().split('|');
        if (!at || !id || !UUID.test(id) || Number.isNaN(Date.parse(at))) throw new AppError('invalid', 'page_token is not one this API gave', { violations: [{ field: 'page_token', reason: 'unknown token' }] });
        after = [new Date(at), id];
      }
      const { rows } = await db.query<DeliveryRow>(
        `select id, webhook_id, event_id, event_type, status, attempts, created_at, next_attempt_at, delivered_at, last_status_code, last_error
           from ${t.deliveries}
          where webhook_id = $1 and ($2::text is null or status = $2) and ($3::timestamptz is null or (created_at, id) < ($3, $4::uuid))
          order by created_at desc, id desc limit $5`,
        [req.id, status, after?.[0] ?? null, after?.[1] ?? null, size + 1],
      );
      const page = rows.slice(0, size);
      const last = page.at(-1);
      const nextPageToken = rows.length > size && last ? Buffer.from(`${last.created_at.toISOString()}|${last.id}`).toString('base64url') : '';
      return { deliveries: page.map(deliveryOf), nextPageToken };
    },
  };
}
