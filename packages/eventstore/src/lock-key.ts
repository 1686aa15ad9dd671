import { createHash } from 'node:crypto';

/** What an advisory lock guards: each kind has its own key space. */
export type LockKind = 'stream' | 'relay' | 'consumer' | 'migration' | 'projection';

/**
 * An advisory-lock key: 64 bits of SHA-256 over kind, schema and name, as a signed bigint
 * literal. Computed here so a stream's lock can share one round trip with BEGIN; the kind keeps a
 * stream called `relay:outbox` from ever waiting on the relay's lease.
 */
export function lockKey(kind: LockKind, schema: string, name: string): bigint {
  const digest = createHash('sha256').update(kind).update('\0').update(schema).update('\0').update(name).digest();
  return digest.readBigInt64BE(0);
}

/** The lock key of a stream. */
export function streamLockKey(schema: string, streamId: string): bigint {
  return lockKey('stream', schema, streamId);
}
