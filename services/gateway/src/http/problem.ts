import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { isSpanContextValid, trace } from '@opentelemetry/api';
import { AppError, httpStatusOf, isAppError, type ErrorCode, type FieldViolation } from '@mpp/errors';

/**
 * Errors as RFC 9457 problem details (`application/problem+json`). One mapping: an `AppError`
 * (the services' errors arrive as one through the gRPC client) → its HTTP status via
 * `httpStatusOf`; fastify's own refusals (bad JSON, wrong media type, too large, schema) keep
 * their 4xx; anything else is a 500 that says only its trace id — the details go to the log.
 */
export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly instance?: string;
  /** Field-level reasons: `{ field: 'serviceId', reason: 'required' }`. */
  readonly errors?: readonly FieldViolation[];
  readonly traceId?: string;
}

const TITLES: Record<number, string> = {
  400: 'Bad request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
  406: 'Not acceptable',
  409: 'Conflict',
  413: 'Content too large',
  415: 'Unsupported media type',
  429: 'Too many requests',
  500: 'Internal error',
  503: 'Service unavailable',
  504: 'Gateway timeout',
};

const CODE_OF_STATUS: Record<number, string> = { 405: 'method-not-allowed', 406: 'not-acceptable', 413: 'too-large', 415: 'unsupported-media-type', 429: 'too-many-requests' };

const SERVER_SIDE: Partial<Record<ErrorCode, string>> = {
  unavailable: 'a service this request needs is unavailable; retry in a moment',
  deadline_exceeded: 'a service did not answer in time; retry in a moment',
};

const typeOf = (code: string) => `urn:mpp:problem:${code.replace(/_/g, '-')}`;

interface AjvError {
  readonly instancePath: string;
  readonly keyword: string;
  readonly params: Record<string, unknown>;
  readonly message?: string;
}

/** Ajv's errors → one reason per field, the field named as in the request (`body.serviceId`). */
function violationsOf(error: FastifyError): FieldViolation[] {
  const context = (error as { validationContext?: string }).validationContext ?? 'body';
  return ((error.validation ?? []) as AjvError[]).map((e) => {
    const path = e.instancePath.replace(/^\//, '').replace(/\//g, '.');
    if (e.keyword === 'required') return { field: [context, path, String(e.params.missingProperty)].filter(Boolean).join('.'), reason: 'is required' };
    if (e.keyword === 'additionalProperties') return { field: [context, path, String(e.params.additionalProperty)].filter(Boolean).join('.'), reason: 'is not a field of this request' };
    const reason = e.keyword === 'enum' ? `must be one of ${(e.params.allowedValues as unknown[]).join(', ')}` : (e.message ?? 'is invalid');
    return { field: [context, path].filter(Boolean).join('.'), reason };
  });
}

export function problemOf(error: unknown, request: FastifyRequest, span = trace.getActiveSpan()): Problem {
  const context = span?.spanContext();
  const traceId = context && isSpanContextValid(context) ? context.traceId : undefined;
  const base = { instance: request.url.split('?')[0], ...(traceId ? { traceId } : {}) };
  if (isAppError(error)) {
    const status = httpStatusOf(error.code);
    // A 5xx says what kind of failure and the trace id, never the underlying message (addresses,
    // connection errors, SQL): those are in the log under the trace id.
    if (status >= 500) return { type: typeOf(error.code), title: TITLES[status] ?? 'Server error', status, detail: `${SERVER_SIDE[error.code] ?? 'an internal error occurred'}; quote trace id ${traceId ?? 'unknown'} when you report it`, ...base };
    return { type: typeOf(error.code), title: TITLES[status] ?? 'Error', status, detail: error.message, ...base, ...(error.violations.length ? { errors: error.violations } : {}) };
  }
  const fe = error as FastifyError;
  if (fe.validation) {
    const errors = violationsOf(fe);
    return { type: typeOf('invalid'), title: TITLES[400]!, status: 400, detail: `invalid request: ${errors.map((e) => `${e.field} ${e.reason}`).join('; ')}`, errors, ...base };
  }
  const status = typeof fe.statusCode === 'number' ? fe.statusCode : 500;
  if (status >= 400 && status < 500) {
    const code = status === 400 ? 'invalid' : status === 401 ? 'unauthenticated' : status === 403 ? 'forbidden' : status === 404 ? 'not_found' : (CODE_OF_STATUS[status] ?? 'invalid');
    return { type: typeOf(code), title: TITLES[status] ?? 'Bad request', status, detail: fe.message, ...base };
  }
  return { type: typeOf('internal'), title: TITLES[500]!, status: 500, detail: `an internal error occurred; quote trace id ${traceId ?? 'unknown'} when you report it`, ...base };
}

export function sendProblem(reply: FastifyReply, problem: Problem): FastifyReply {
  if (problem.status === 401) reply.header('www-authenticate', 'Bearer realm="mpp"');
  return reply.code(problem.status).type('application/problem+json').send(problem);
}

/** Throws the AppError a route refuses with: `refuse('not_found', 'no ticket abc')`. */
export function refuse(code: ErrorCode, message: string, violations: FieldViolation[] = []): never {
  throw new AppError(code, message, { violations });
}
