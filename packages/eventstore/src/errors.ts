import { AppError } from '@mpp/errors';

/** A stream was not at the expected version: someone else appended first. Re-read, re-decide. */
export class ConcurrencyError extends AppError {
  readonly streamId: string;
  readonly expected: number | 'any';
  readonly actual: number;

  constructor(streamId: string, expected: number | 'any', actual: number) {
    super('concurrency', `stream ${streamId} is at version ${actual}, expected ${expected}`);
    this.name = 'ConcurrencyError';
    this.streamId = streamId;
    this.expected = expected;
    this.actual = actual;
  }
}

export function isConcurrencyError(error: unknown): error is ConcurrencyError {
  return error instanceof ConcurrencyError;
}
