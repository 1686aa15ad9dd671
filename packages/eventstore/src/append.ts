import { toJsonString } from '@bufbuild/protobuf';
import { context, propagation } from '@opentelemetry/api';
import { EventMetadataSchema } from '@mpp/contracts';
import { AppError } from '@mpp/errors';
import type pg from 'pg';
import { ConcurrencyError } from './errors.js';
import { streamLockKey } from './lock-key.js';
import { qualified } from './schema.js';
import type { AppendResult, NewEvent, StreamAppend } from './types.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Up to this many events per stream, rows go as typed parameters; more go as arrays. */
const ROWS_AS_PARAMETERS = 32;

/**
 * The version check and the insert are one statement: rows go in only when the stream is at the
 * expected version ($2 < 0: any), numbered after its current version; one summary row comes back.
 * Small appends send each value as its own typed parameter (bytea travels binary, no array
 * literal to parse); large ones send one array per column.
 */
const statements = new Map<string, string>();
function insertSql(schema: string, rows: number): string {
  const key = `${schema}:${rows <= ROWS_AS_PARAMETERS ? rows : 'n'}`;
  const cached = statements.get(key);
  if (cached) return cached;
  const events = qualified(schema, 'events');
  // Every append to a stream holds its advisory lock while it inserts (a locked transaction
  // took it already; taking it again is free), so one-statement appends queue behind a
  // multi-stream append instead of slipping between its writes.
  const lockParam = rows <= ROWS_AS_PARAMETERS ? 3 + rows * 4 : 7;
  const source =
    rows <= ROWS_AS_PARAMETERS
      ? `(values ${Array.from({ length: rows }, (_, i) => `($${3 + i * 4}::uuid, $${4 + i * 4}::text, $${5 + i * 4}::bytea, $${6 + i * 4}::jsonb, ${i + 1})`).join(', ')})`
      : `unnest($3::uuid[], $4::text[], $5::bytea[], $6::jsonb[]) with ordinality`;
  const sql = `with latest as (
            select version, transaction_id from ${events} where stream_id = $1 order by version desc limit 1
          ), current_version as (
            select coalesce((select version from latest), 0) as v, (select transaction_id from latest) as tx
          ), inserted as (
            insert into ${events} (event_id, stream_id, version, type, data, metadata)
            select e.id, $1, current_version.v + e.ord, e.type, e.data, e.metadata
            from current_version, (select pg_advisory_xact_lock($${lockParam}::bigint)) as locked, ${source} as e(id, type, data, metadata, ord)
            where ($2::int < 0 or current_version.v = $2::int)
              -- A stream's events must get rising transaction ids (the log's order). An unlocked
              -- one-statement append may have committed the stream's latest event with a later
              -- id while this transaction was writing another stream: then this insert would
              -- land out of order, so it inserts nothing and the whole append is retried.
              and (current_version.tx is null or current_version.tx < pg_current_xact_id())
            returning version
          )
          select count(*)::int as n, coalesce(max(version), 0)::int as version from inserted`;
  statements.set(key, sql);
  return sql;
}

function insertValues(schema: string, a: StreamAppend): unknown[] {
  // A command's events usually share one metadata object: serialise it once.
  const json = new Map<object, string>();
  const metadata = (m: NewEvent['metadata']) => json.get(m) ?? json.set(m, toJsonString(EventMetadataSchema, withTraceContext(m))).get(m)!;
  const bytes = (e: NewEvent) => Buffer.from(e.data.buffer, e.data.byteOffset, e.data.byteLength);
  const head = [a.streamId, a.expectedVersion === 'any' ? -1 : a.expectedVersion];
  const lock = streamLockKey(schema, a.streamId).toString();
  if (a.events.length <= ROWS_AS_PARAMETERS) return [...head, ...a.events.flatMap((e) => [e.id, e.type, bytes(e), metadata(e.metadata)]), lock];
  return [...head, a.events.map((e) => e.id), a.events.map((e) => e.type), a.events.map(bytes), a.events.map((e) => metadata(e.metadata)), lock];
}

type Queryable = Pick<pg.Pool, 'query'> | Pick<pg.PoolClient, 'query'>;

/** The trace the event was appended in, unless the caller set one: the relay passes it on. */
function withTraceContext(m: NewEvent['metadata']): NewEvent['metadata'] {
  if (m.traceparent) return m;
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  if (!carrier.traceparent) return m;
  return { ...m, traceparent: carrier.traceparent, tracestate: carrier.tracestate ?? '' };
}

/** The insert lost a race it can win by trying again in a new transaction. */
class RetryableRace extends Error {}

async function insert(db: Queryable, schema: string, a: StreamAppend): Promise<AppendResult> {
  const rows = a.events.length <= ROWS_AS_PARAMETERS ? a.events.length : 'n';
  const res = await db.query<{ n: number; version: number }>({
    name: `mpp-es-append-${schema}-${rows}`,
    text: insertSql(schema, a.events.length),
    values: insertValues(schema, a),
  });
  if (res.rows[0]?.n !== a.events.length) {
    if (a.expectedVersion === 'any') throw new RetryableRace(`stream ${a.streamId} moved on in a newer transaction`);
    throw new ConcurrencyError(a.streamId, a.expectedVersion, await currentVersion(db, schema, a.streamId));
  }
  return { streamId: a.streamId, version: res.rows[0].version };
}

export function validateAppends(appends: readonly StreamAppend[]): void {
  const seen = new Set<string>();
  const violations: { field: string; reason: string }[] = [];
  appends.forEach((a, i) => {
    if (!a.streamId) violations.push({ field: `appends[${i}].streamId`, reason: 'required' });
    if (seen.has(a.streamId)) violations.push({ field: `appends[${i}].streamId`, reason: 'stream appears twice in one append' });
    seen.add(a.streamId);
    if (a.expectedVersion !== 'any' && (!Number.isInteger(a.expectedVersion) || a.expectedVersion < 0)) {
      violations.push({ field: `appends[${i}].expectedVersion`, reason: 'a whole number ≥ 0 or "any"' });
    }
    a.events.forEach((e, j) => {
      if (!UUID.test(e.id)) violations.push({ field: `appends[${i}].events[${j}].id`, reason: 'must be a UUID' });
      if (!e.type) violations.push({ field: `appends[${i}].events[${j}].type`, reason: 'required' });
    });
  });
  if (violations.length > 0) throw new AppError('invalid', 'invalid append', { violations });
}

/**
 * Appends to one or more streams in one transaction, all or nothing.
 *
 * One stream at a known version (the command handler's case) is a single statement in its own
 * implicit transaction: one round trip. Its insert is the transaction's first write, so a
 * stream's later events always get a larger transaction id, which the gap-safe log relies on;
 * a concurrent writer shows up as a unique-key conflict → ConcurrencyError.
 *
 * Several streams, or `any`, take the streams' advisory locks first — sorted, in the same round
 * trip as BEGIN — so transaction ids follow stream order here too and two such appends never
 * deadlock; a race with an unlocked append is retried a bounded number of times.
 */
export async function appendStreams(pool: pg.Pool, schema: string, appends: readonly StreamAppend[]): Promise<AppendResult[]> {
  validateAppends(appends);
  const work = [...appends].filter((a) => a.events.length > 0).sort((a, b) => (a.streamId < b.streamId ? -1 : 1));
  if (work.length === 0) return [];
  const single = work.length === 1 ? work[0]! : undefined;
  if (single && single.expectedVersion !== 'any') {
    try {
      return [await insert(pool, schema, single)];
    } catch (error) {
      throw await translate(error, pool, schema, single);
    }
  }
  for (let attempt = 1; ; attempt++) {
    try {
      return await lockedAppend(pool, schema, work);
    } catch (error) {
      const race = isVersionRace(error) || error instanceof RetryableRace;
      if (!race || attempt >= 5) throw await translate(error, pool, schema, work.find((a) => a.streamId === streamOf(error)));
    }
  }
}

async function lockedAppend(pool: pg.Pool, schema: string, work: readonly StreamAppend[]): Promise<AppendResult[]> {
  // One row per lock, taken in array (stream) order: a select list would be capped at 1,664
  // entries, and an import appends to a few thousand streams at once.
  const keys = work.map((a) => streamLockKey(schema, a.streamId)).join(',');
  const client = await pool.connect();
  const lost = (error: Error) => void error; // surfaced by the query in flight; must not crash the process
  client.on('error', lost);
  try {
    await client.query(`begin; select pg_advisory_xact_lock(k) from unnest('{${keys}}'::bigint[]) with ordinality as t(k, o) order by o`);
    const results: AppendResult[] = [];
    for (const a of work) results.push(await insert(client, schema, a));
    await client.query('commit');
    return results;
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    client.off('error', lost);
    client.release();
  }
}

async function currentVersion(db: Queryable, schema: string, streamId: string): Promise<number> {
  const { rows } = await db.query<{ v: number }>(
    `select coalesce(max(version), 0) as v from ${qualified(schema, 'events')} where stream_id = $1`,
    [streamId],
  );
  return rows[0]?.v ?? 0;
}

/** A duplicate event id means the same events were appended before (a retried command). */
export class DuplicateEventError extends AppError {
  constructor(detail: string) {
    super('already_exists', `an event with this id was already appended: ${detail}`);
    this.name = 'DuplicateEventError';
  }
}

type PgError = { code?: string; constraint?: string; detail?: string };

/** Two writers inserted the same (stream, version): the later one lost the race. */
function isVersionRace(error: unknown): boolean {
  const e = error as PgError;
  return e.code === '23505' && e.constraint === 'events_stream_version';
}

function streamOf(error: unknown): string | undefined {
  return /\(stream_id, version\)=\((.*), \d+\)/.exec((error as PgError).detail ?? '')?.[1];
}

async function translate(error: unknown, db: Queryable, schema: string, a: StreamAppend | undefined): Promise<unknown> {
  const e = error as PgError;
  if (e.code === '23505' && e.constraint === 'events_event_id') return new DuplicateEventError(e.detail ?? '');
  if (isVersionRace(error) && a) return new ConcurrencyError(a.streamId, a.expectedVersion, await currentVersion(db, schema, a.streamId));
  return error;
}
