import { createHash } from 'node:crypto';

/**
 * The advisory-lock key of a stream: 64 bits of SHA-256 over schema and stream id, as a signed
 * bigint literal. Computed here so the lock can share one round trip with BEGIN.
 */
export function streamLockKey(schema: string, streamId: string): bigint {
  const digest = createHash('sha256').update(schema).update('\0').update(streamId).digest();
  return digest.readBigInt64BE(0);
}
