import { describe, expect, it } from 'vitest';
import { AppError, ERROR_CODES, httpStatusOf, isAppError, isErrorCode } from './index.js';

describe('AppError', () => {
  it('carries a code, field reasons and a cause', () => {
    const cause = new Error('low level');
    const error = new AppError('invalid', 'serviceId is required', { violations: [{ field: 'serviceId', reason: 'required' }], cause });
    expect(isAppError(error)).toBe(true);
    expect(error.violations).toEqual([{ field: 'serviceId', reason: 'required' }]);
    expect(error.cause).toBe(cause);
  });

  it('maps every code to the HTTP status the gateway answers', () => {
    expect(Object.fromEntries(ERROR_CODES.map((c) => [c, httpStatusOf(c)]))).toEqual({
      invalid: 400,
      not_found: 404,
      illegal_state: 409,
      concurrency: 409,
      already_exists: 409,
      unauthenticated: 401,
      forbidden: 403,
      deadline_exceeded: 504,
      unavailable: 503,
      internal: 500,
    });
    expect(isErrorCode('teapot')).toBe(false);
  });
});
