import type pg from 'pg';
const qualified = (schema: string, table: string) => `"${schema}".${table}`;

/** The webhook tables of a schema: subscriptions and their delivery log (not a projection: never rebuilt). */
export const webhookTables = (schema: string) => ({
  webhooks: qualified(schema, 'webhooks'),
  deliveries: qualified(schema, 'webhook_deliveries'),
});

/** Creates the webhook tables if missing (idempotent; the API and the router both call it at start). */
export async function migrateWebhooks(db: pg.Pool | pg.PoolClient, schema: string): Promise<void> {
  const t = webhookTables(schema);
  await db.query(`
    create table if not exists ${t.webhooks} (
      id uuid primary key,
      agency_code text not null,
      url text not null,
      event_types text[] not null default '{}',
      description text not null default '',
      -- The HMAC key: it must be read to sign, so it is stored as it is (the database is the trust boundary).
      secret text not null,
      status text not null default 'active' check (status in ('active', 'disabled')),
      disabled_reason text not null default '',
      consecutive_failures integer not null default 0,
      created_at timestamptz not null default now(),
      disabled_at timestamptz,
      last_success_at timestamptz
    );
    create index if not exists webhooks_by_agency on ${t.webhooks} (agency_code);
    create table if not exists ${t.deliveries} (
      id uuid primary key default gen_random_uuid(),
      webhook_id uuid not null references ${t.webhooks} (id) on delete cascade,
      event_id uuid not null,
      event_type text not null,
      body text not null,
      status text not null default 'pending' check (status in ('pending', 'delivered', 'failed')),
      attempts integer not null default 0,
      -- Milliseconds, as the delivery log's page tokens carry it.
      created_at timestamptz not null default date_trunc('milliseconds', now()),
      next_attempt_at timestamptz not null default now(),
      -- A sender took it until then; another replica takes it after (a sender that died).
      leased_until timestamptz,
      delivered_at timestamptz,
      last_status_code integer not null default 0,
      last_error text not null default '',
      unique (webhook_id, event_id)
    );
    create index if not exists webhook_deliveries_due on ${t.deliveries} (next_attempt_at) where status = 'pending';
    create index if not exists webhook_deliveries_log on ${t.deliveries} (webhook_id, created_at desc, id desc);
  `);
}
