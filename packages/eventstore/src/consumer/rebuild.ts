import type pg from 'pg';
import { identifier, qualified } from '../schema.js';
import { lockKey } from '../lock-key.js';
import { inTransaction } from './apply.js';
import type { ConsumedEvent, Consumer, Projection } from './types.js';

/** Physical table of each logical table of one projection version: `counts` → "reporting"."counts_v3". */
export type TableNames = Readonly<Record<string, string>>;

/**
 * A read model that can be rebuilt blue-green: its tables exist once per version, queries read
 * them through views named after the logical tables, and switching versions replaces the views.
 */
export interface ProjectionDefinition {
  readonly name: string;
  /** Logical table names; queries read `"schema"."<table>"` (a view onto the live version). */
  readonly tables: readonly string[];
  /** Creates one version's tables (idempotent). */
  setup(tx: pg.PoolClient, tables: TableNames): Promise<void>;
  apply(event: ConsumedEvent, tx: pg.PoolClient, tables: TableNames): Promise<void>;
  /** Optional: a whole batch at once, with the same effect as `apply` on each event in order (see `Projection.applyBatch`). */
  applyBatch?(events: readonly ConsumedEvent[], tx: pg.PoolClient, tables: TableNames): Promise<void>;
}

export function tableNames(schema: string, def: ProjectionDefinition, version: number): TableNames {
  return Object.fromEntries(def.tables.map((t) => [t, qualified(schema, `${identifier(t)}_v${version}`)]));
}

/** The consumer-side projection of one version: its own checkpoint name, its own tables. */
export function projectionVersion(schema: string, def: ProjectionDefinition, version: number): Projection {
  const tables = tableNames(schema, def, version);
  const applyBatch = def.applyBatch?.bind(def);
  return {
    name: `${def.name}@v${version}`,
    apply: (event, tx) => def.apply(event, tx, tables),
    ...(applyBatch ? { applyBatch: (events: readonly ConsumedEvent[], tx: pg.PoolClient) => applyBatch(events, tx, tables) } : {}),
  };
}

async function ensureVersions(db: pg.PoolClient | pg.Pool, schema: string) {
  await db.query(`create table if not exists ${qualified(schema, 'projection_versions')} (projection text primary key, live integer not null, switched_at timestamptz not null default now())`);
}

export async function liveVersion(pool: pg.Pool, schema: string, name: string): Promise<number | undefined> {
  await ensureVersions(pool, schema);
  const { rows } = await pool.query<{ live: number }>(`select live from ${qualified(schema, 'projection_versions')} where projection = $1`, [name]);
  return rows[0]?.live;
}

/** Creates a version's tables. */
export async function prepareVersion(pool: pg.Pool, schema: string, def: ProjectionDefinition, version: number): Promise<void> {
  await inTransaction(pool, (tx) => def.setup(tx, tableNames(schema, def, version)));
}

async function pointViews(tx: pg.PoolClient, schema: string, def: ProjectionDefinition, version: number): Promise<void> {
  const tables = tableNames(schema, def, version);
  // Drop and create, not replace: a new version may change the tables' columns.
  for (const t of def.tables) {
    await tx.query(`drop view if exists ${qualified(schema, t)}`);
    await tx.query(`create view ${qualified(schema, t)} as select * from ${tables[t]}`);
  }
}

/**
 * Runs the live version's `setup` again and re-creates its views, in one transaction: an additive
 * change of the definition (a new table, index or nullable column, written idempotently) reaches
 * a running deployment at its next start. Anything else needs `mpp rebuild`.
 */
export async function refreshVersion(pool: pg.Pool, schema: string, def: ProjectionDefinition, version: number): Promise<void> {
  await inTransaction(pool, async (tx) => {
    await tx.query('select pg_advisory_xact_lock($1)', [lockKey('projection', schema, def.name).toString()]);
    await def.setup(tx, tableNames(schema, def, version));
    await pointViews(tx, schema, def, version);
  });
}

/** Points the views at `version` and records it as live, in one transaction: readers switch at once. */
export async function switchTo(pool: pg.Pool, schema: string, def: ProjectionDefinition, version: number): Promise<void> {
  await inTransaction(pool, async (tx) => {
    await ensureVersions(tx, schema);
    await pointViews(tx, schema, def, version);
    await tx.query(
      `insert into ${qualified(schema, 'projection_versions')} (projection, live) values ($1, $2)
       on conflict (projection) do update set live = excluded.live, switched_at = now()`,
      [def.name, version],
    );
  });
}

/** Drops a version that is no longer live, with its checkpoints. */
export async function dropVersion(pool: pg.Pool, schema: string, def: ProjectionDefinition, version: number): Promise<void> {
  if ((await liveVersion(pool, schema, def.name)) === version) throw new Error(`${def.name} v${version} is live; switch first`);
  await inTransaction(pool, async (tx) => {
    for (const table of Object.values(tableNames(schema, def, version))) await tx.query(`drop table if exists ${table}`);
    const name = `${def.name}@v${version}`;
    for (const t of ['consumer_positions', 'consumer_offsets', 'consumer_processed', 'dead_letters']) {
      await tx.query(`delete from ${qualified(schema, t)} where consumer = $1`, [name]);
    }
  });
}

export interface RebuildProgress {
  readonly done: number;
  readonly total: number;
  /** Events per second since the rebuild started. */
  readonly rate: number;
}

export interface RebuildOptions {
  readonly pool: pg.Pool;
  readonly schema: string;
  readonly definition: ProjectionDefinition;
  /** A consumer for the new version, on whichever transport the deployment uses. */
  readonly consumerFor: (projection: Projection) => Consumer;
  /** Whether that consumer has read everything there is now. */
  readonly caughtUp: (projection: Projection) => Promise<boolean>;
  /** How many events there are to read in all (for progress). */
  readonly total: () => Promise<number>;
  readonly onProgress?: (progress: RebuildProgress) => void;
  readonly pollIntervalMs?: number;
}

/**
 * Builds the next version of a projection beside the live one, from the beginning of its
 * sources, while the live one keeps serving; when it has caught up, switches the views to it.
 * Returns the new version with its consumer, which stays running as the live one; the caller
 * stops the old version's consumer and drops the old version.
 */
export async function rebuildProjection(options: RebuildOptions): Promise<{ version: number; previous: number | undefined; consumer: Consumer }> {
  const { pool, schema, definition } = options;
  const previous = await liveVersion(pool, schema, definition.name);
  const version = (previous ?? 0) + 1;
  await prepareVersion(pool, schema, definition, version);
  const projection = projectionVersion(schema, definition, version);
  const consumer = options.consumerFor(projection);
  const started = Date.now();
  consumer.start();
  try {
    for (;;) {
      const done = consumer.status().applied + consumer.status().deadLettered;
      options.onProgress?.({ done, total: await options.total(), rate: done / Math.max(0.001, (Date.now() - started) / 1000) });
      if (await options.caughtUp(projection)) break;
      await new Promise((resolve) => setTimeout(resolve, options.pollIntervalMs ?? 200)); // progress cadence
    }
    // Caught up between two reports: the last word is the final count, not the one before it
    // (the consumer counts a batch just after its commit: give it a moment to catch the total).
    const total = await options.total();
    const counted = () => consumer.status().applied + consumer.status().deadLettered;
    for (let i = 0; i < 50 && counted() < total; i++) await new Promise((resolve) => setTimeout(resolve, 20));
    options.onProgress?.({ done: counted(), total, rate: counted() / Math.max(0.001, (Date.now() - started) / 1000) });
    await switchTo(pool, schema, definition, version);
  } catch (error) {
    await consumer.stop();
    throw error;
  }
  return { version, previous, consumer };
}
