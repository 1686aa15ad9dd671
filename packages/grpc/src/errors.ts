import { create, fromBinary, toBinary } from '@bufbuild/protobuf';
import { Metadata, status as Status, type ServiceError, type StatusObject } from '@grpc/grpc-js';
import { AppError, isAppError, isErrorCode, type ErrorCode } from '@mpp/errors';
import { ErrorDetailSchema } from '@mpp/contracts';

export const ERROR_TRAILER = 'mpp-error-bin';

/** The one mapping from the platform's error codes to gRPC status codes. */
export function grpcStatusOf(code: ErrorCode): Status {
  switch (code) {
    case 'invalid':
      return Status.INVALID_ARGUMENT;
    case 'not_found':
      return Status.NOT_FOUND;
    case 'illegal_state':
      return Status.FAILED_PRECONDITION;
    case 'concurrency':
      return Status.ABORTED;
    case 'already_exists':
      return Status.ALREADY_EXISTS;
    case 'unauthenticated':
      return Status.UNAUTHENTICATED;
    case 'forbidden':
      return Status.PERMISSION_DENIED;
    case 'deadline_exceeded':
      return Status.DEADLINE_EXCEEDED;
    case 'unavailable':
      return Status.UNAVAILABLE;
    case 'internal':
      return Status.INTERNAL;
    default: {
      const unreachable: never = code;
      return unreachable;
    }
  }
}

/** For a status that came without the platform's trailer (a proxy, the runtime itself). */
export function errorCodeOf(grpcStatus: Status): ErrorCode {
  switch (grpcStatus) {
    case Status.INVALID_ARGUMENT:
    case Status.OUT_OF_RANGE:
      return 'invalid';
    case Status.NOT_FOUND:
      return 'not_found';
    case Status.FAILED_PRECONDITION:
      return 'illegal_state';
    case Status.ABORTED:
      return 'concurrency';
    case Status.ALREADY_EXISTS:
      return 'already_exists';
    case Status.UNAUTHENTICATED:
      return 'unauthenticated';
    case Status.PERMISSION_DENIED:
      return 'forbidden';
    case Status.DEADLINE_EXCEEDED:
      return 'deadline_exceeded';
    case Status.UNAVAILABLE:
    case Status.RESOURCE_EXHAUSTED:
    case Status.CANCELLED:
      return 'unavailable';
    default:
      return 'internal';
  }
}

/**
 * What a failed handler sends. An AppError keeps its message and field reasons; anything else is
 * a bug: the client sees only "internal error" and the trace id, the log gets the rest.
 */
export function toStatus(error: unknown, traceId: string | undefined): Partial<StatusObject> & { code: Status } {
  const metadata = new Metadata();
  if (isAppError(error) && error.code !== 'internal') {
    const detail = create(ErrorDetailSchema, { code: error.code, violations: [...error.violations] });
    metadata.set(ERROR_TRAILER, Buffer.from(toBinary(ErrorDetailSchema, detail)));
    return { code: grpcStatusOf(error.code), details: error.message, metadata };
  }
  return { code: Status.INTERNAL, details: `internal error${traceId ? ` (trace id ${traceId})` : ''}`, metadata };
}

/** Turns a failed call back into an AppError on the client side. */
export function fromServiceError(error: ServiceError): AppError {
  const raw = error.metadata?.get(ERROR_TRAILER)[0];
  if (raw instanceof Buffer) {
    const detail = fromBinary(ErrorDetailSchema, raw);
    if (isErrorCode(detail.code)) {
      return new AppError(detail.code, error.details, {
        violations: detail.violations.map((v) => ({ field: v.field, reason: v.reason })),
        cause: error,
      });
    }
  }
  return new AppError(errorCodeOf(error.code), error.details || error.message, { cause: error });
}
