import { announceAppended } from './appended.js';
import type pg from 'pg';
import { appendStreams } from './append.js';
import { readLog, readStream } from './read.js';
import { migrateEventStore } from './schema.js';
import type { AppendResult, ExpectedVersion, LogPosition, NewEvent, RecordedEvent, StreamAppend } from './types.js';

export interface EventStoreOptions {
  readonly pool: pg.Pool;
  /** The owning service's schema (`queue`, `catalog`, ...). */
  readonly schema: string;
}

export interface EventStore {
  readonly schema: string;
  readonly pool: pg.Pool;
  /** Creates the tables when missing. */
  migrate(): Promise<void>;
  append(streamId: string, expectedVersion: ExpectedVersion, events: readonly NewEvent[]): Promise<AppendResult>;
  /** Several streams in one transaction, all or nothing (a transfer, a check-in, an import). */
  appendMany(appends: readonly StreamAppend[]): Promise<AppendResult[]>;
  readStream(streamId: string, fromVersion?: number): Promise<RecordedEvent[]>;
  readLog(after: LogPosition, limit: number): Promise<RecordedEvent[]>;
  /** Called after every commit in this process (the relay wakes on it). */
  onAppended(listener: () => void): () => void;
}

/**
 * The event store of one service, in that service's schema.
 *
 * @example
 * const store = createEventStore({ pool, schema: 'queue' });
 * await store.migrate();
 * await store.append('ticket-1', 0, [{ id: randomUUID(), type, data, metadata }]);
 */
export function createEventStore(options: EventStoreOptions): EventStore {
  const { pool, schema } = options;
  const listeners = new Set<() => void>();
  const notify = () => {
    listeners.forEach((l) => l());
    announceAppended(schema);
  };
  return {
    schema,
    pool,
    migrate: () => migrateEventStore(pool, schema),
    async append(streamId, expectedVersion, events) {
      const [result] = await appendStreams(pool, schema, [{ streamId, expectedVersion, events }]);
      notify();
      return result ?? { streamId, version: typeof expectedVersion === 'number' ? expectedVersion : 0 };
    },
    async appendMany(appends) {
      const results = await appendStreams(pool, schema, appends);
      notify();
      return results;
    },
    readStream: (streamId, fromVersion) => readStream(pool, schema, streamId, fromVersion),
    readLog: (after, limit) => readLog(pool, schema, after, limit),
    onAppended(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
