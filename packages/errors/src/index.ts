/**
 * The one error type of the platform. Domain code throws it with a code; the gRPC adapter and
 * the gateway map the code to a status in one place each.
 *
 * @example
 * throw new AppError('invalid', 'serviceId is required', { violations: [{ field: 'serviceId', reason: 'required' }] });
 */
export type ErrorCode =
  | 'invalid' // bad input → 400 / INVALID_ARGUMENT
  | 'not_found' // → 404 / NOT_FOUND
  | 'illegal_state' // a rule forbids it now → 409 / FAILED_PRECONDITION
  | 'concurrency' // a concurrent write won; retry → 409 / ABORTED
  | 'already_exists' // → 409 / ALREADY_EXISTS
  | 'unauthenticated' // → 401 / UNAUTHENTICATED
  | 'forbidden' // → 403 / PERMISSION_DENIED
  | 'deadline_exceeded' // → 504 / DEADLINE_EXCEEDED
  | 'unavailable' // a dependency is down; retry later → 503 / UNAVAILABLE
  | 'internal'; // a bug; details are logged, never sent → 500 / INTERNAL

export const ERROR_CODES: readonly ErrorCode[] = [
  'invalid',
  'not_found',
  'illegal_state',
  'concurrency',
  'already_exists',
  'unauthenticated',
  'forbidden',
  'deadline_exceeded',
  'unavailable',
  'internal',
];

/** One reason a field of a request was refused. */
export interface FieldViolation {
  readonly field: string;
  readonly reason: string;
}

export interface AppErrorOptions {
  readonly violations?: readonly FieldViolation[];
  readonly cause?: unknown;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly violations: readonly FieldViolation[];

  constructor(code: ErrorCode, message: string, options: AppErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.violations = options.violations ?? [];
  }
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}

export function isErrorCode(value: string): value is ErrorCode {
  return (ERROR_CODES as readonly string[]).includes(value);
}

/** The HTTP status the gateway answers for a code (RFC 9457 problem+json). */
export function httpStatusOf(code: ErrorCode): number {
  switch (code) {
    case 'invalid':
      return 400;
    case 'unauthenticated':
      return 401;
    case 'forbidden':
      return 403;
    case 'not_found':
      return 404;
    case 'illegal_state':
    case 'concurrency':
    case 'already_exists':
      return 409;
    case 'unavailable':
      return 503;
    case 'deadline_exceeded':
      return 504;
    case 'internal':
      return 500;
    default: {
      const unreachable: never = code;
      return unreachable;
    }
  }
}
export { CONTROL, text, Violations } from './violations.js';
