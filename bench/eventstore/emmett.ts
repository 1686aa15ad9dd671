import { randomUUID } from 'node:crypto';
import type { Event } from '@event-driven-io/emmett';
import { getPostgreSQLEventStore, type PostgresEventStore } from '@event-driven-io/emmett-postgresql';
import type pg from 'pg';
import { metadataFields } from './fixtures.js';
import { ownStreams, type Op } from './measure.js';

type Counted = Event<'Counted', { writer: string; n: number }, typeof metadataFields & { messageId: string }>;

/**
 * Emmett's PostgreSQL event store in its own database (its tables live in `public`). It gets a
 * pool of the same size as ours; its schema is created before timing, not on the first append.
 */
export async function createEmmett(connectionString: string, pool: pg.Pool): Promise<PostgresEventStore> {
  const store = getPostgreSQLEventStore(connectionString, { connectionOptions: { pool } });
  await store.schema.migrate();
  return store;
}

/** Emmett with the same workload: its native JSON events carrying the same fields and metadata. */
export function emmettAppend(store: PostgresEventStore, eventsPerCommand: number): Op {
  const next = ownStreams(`emmett-${eventsPerCommand}`, eventsPerCommand);
  return async (w) => {
    const { streamId, expected } = next(w);
    const events: Counted[] = Array.from({ length: eventsPerCommand }, (_, i) => ({
      type: 'Counted',
      data: { writer: `w${w}`, n: expected + i + 1 },
      // Our id, as ours and raw generate one per event too (Emmett would otherwise make its own).
      metadata: { messageId: randomUUID(), ...metadataFields },
    }));
    await store.appendToStream<Counted>(streamId, events, { expectedStreamVersion: BigInt(expected) });
    return eventsPerCommand;
  };
}
