import { createHash, randomBytes } from 'node:crypto';
import { AppError } from '@mpp/errors';

/**
 * A new record's id: from the caller's request id when it gives one (a retried request names the
 * same record, so it records nothing new), else 128 random bits. base64url, 22 characters.
 */
export function recordId(mallId: string, requestId: string): string {
  if (requestId.length > 200) throw new AppError('invalid', 'request_id is too long', { violations: [{ field: 'request_id', reason: 'at most 200 characters' }] });
  return requestId ? createHash('sha256').update(`${mallId}\n${requestId}`).digest().subarray(0, 16).toString('base64url') : randomBytes(16).toString('base64url');
}
