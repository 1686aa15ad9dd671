import { toJsonString } from '@bufbuild/protobuf';
import { EventMetadataSchema } from '@mpp/contracts';
import { migrateEventStore, type EventStore } from '@mpp/eventstore';
import type pg from 'pg';
import { countedEvents } from './fixtures.js';
import { ownStreams, type Op } from './measure.js';

/** Ours: `store.append` at a known version (validation, version check and insert: one statement, one implicit transaction). */
export function oursAppend(store: EventStore, eventsPerCommand: number): Op {
  const next = ownStreams(`ours-${eventsPerCommand}`, eventsPerCommand);
  return async (w) => {
    const { streamId, expected } = next(w);
    await store.append(streamId, expected, countedEvents(`w${w}`, expected, eventsPerCommand));
    return eventsPerCommand;
  };
}

/**
 * The floor for these rows in PostgreSQL, with the same transaction shape as ours — one statement
 * in its own implicit transaction per command — but with versions the writer already knows and
 * no check. Its table is made by the store's own migration (in another schema), so columns,
 * defaults, unique constraints and indexes are identical.
 */
export async function rawAppend(pool: pg.Pool, schema: string, eventsPerCommand: number): Promise<Op> {
  await migrateEventStore(pool, schema);
  const next = ownStreams(`raw-${eventsPerCommand}`, eventsPerCommand);
  const tuples = Array.from({ length: eventsPerCommand }, (_, i) => `($${i * 6 + 1}, $${i * 6 + 2}, $${i * 6 + 3}, $${i * 6 + 4}, $${i * 6 + 5}, $${i * 6 + 6})`);
  // Prepared, like ours: both sides skip re-planning.
  const statement = {
    name: `bench-raw-append-${schema}-${eventsPerCommand}`,
    text: `insert into "${schema}"."events" (event_id, stream_id, version, type, data, metadata) values ${tuples.join(', ')}`,
  };
  return async (w) => {
    const { streamId, expected } = next(w);
    // Same input as ours (NewEvent with protobuf metadata), turned into the same row values.
    const values = countedEvents(`w${w}`, expected, eventsPerCommand).flatMap((e, i) => [
      e.id,
      streamId,
      expected + i + 1,
      e.type,
      Buffer.from(e.data.buffer, e.data.byteOffset, e.data.byteLength),
      toJsonString(EventMetadataSchema, e.metadata),
    ]);
    await pool.query({ ...statement, values });
    return eventsPerCommand;
  };
}
