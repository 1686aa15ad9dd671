import { toJsonString } from '@bufbuild/protobuf';
import { EventMetadataSchema } from '@mpp/contracts';
import { AppError } from '@mpp/errors';
import type pg from 'pg';
import { ConcurrencyError } from './errors.js';
import { streamLockKey } from './lock-key.js';
import { qualified } from './schema.js';
import type { AppendResult, StreamAppend } from './types.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function insertSql(schema: string): string {
  const events = qualified(schema, 'events');
  // The version check and the insert are one statement: rows go in only when the stream is at
  // the expected version ($2 < 0: any), numbered after its current version.
  return `with current_version as (
            select coalesce(max(version), 0) as v from ${events} where stream_id = $1
          )
          insert into ${events} (event_id, stream_id, version, type, data, metadata)
          select e.id, $1, current_version.v + e.ord, e.type, e.data, e.metadata
          from current_version,
               unnest($3::uuid[], $4::text[], $5::bytea[], $6::jsonb[]) with ordinality as e(id, type, data, metadata, ord)
          where $2::int < 0 or current_version.v = $2::int
          returning version`;
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
 * Appends to one or more streams in one transaction, all or nothing. The streams' advisory locks
 * are taken first, in a fixed order and in the same round trip as BEGIN, so appends to a stream
 * get transaction ids in stream order (the gap-safe log relies on it) and never deadlock.
 */
export async function appendStreams(pool: pg.Pool, schema: string, appends: readonly StreamAppend[]): Promise<AppendResult[]> {
  validateAppends(appends);
  const work = [...appends].filter((a) => a.events.length > 0).sort((a, b) => (a.streamId < b.streamId ? -1 : 1));
  if (work.length === 0) return [];
  const locks = work.map((a) => `pg_advisory_xact_lock(${streamLockKey(schema, a.streamId)})`).join(', ');
  const client = await pool.connect();
  try {
    await client.query(`begin; select ${locks}`);
    const results: AppendResult[] = [];
    for (const a of work) {
      const res = await client.query<{ version: number }>({
        name: `mpp-es-append-${schema}`,
        text: insertSql(schema),
        values: [
          a.streamId,
          a.expectedVersion === 'any' ? -1 : a.expectedVersion,
          a.events.map((e) => e.id),
          a.events.map((e) => e.type),
          a.events.map((e) => Buffer.from(e.data.buffer, e.data.byteOffset, e.data.byteLength)),
          a.events.map((e) => toJsonString(EventMetadataSchema, e.metadata)),
        ],
      });
      if (res.rowCount !== a.events.length) {
        const actual = await currentVersion(client, schema, a.streamId);
        throw new ConcurrencyError(a.streamId, a.expectedVersion, actual);
      }
      results.push({ streamId: a.streamId, version: Math.max(...res.rows.map((r) => r.version)) });
    }
    await client.query('commit');
    return results;
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw translate(error);
  } finally {
    client.release();
  }
}

async function currentVersion(client: pg.PoolClient, schema: string, streamId: string): Promise<number> {
  const { rows } = await client.query<{ v: number }>(
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

function translate(error: unknown): unknown {
  const e = error as { code?: string; constraint?: string; detail?: string };
  if (e.code === '23505' && e.constraint === 'events_event_id') return new DuplicateEventError(e.detail ?? '');
  return error;
}
