import { create, type DescMethod } from '@bufbuild/protobuf';
import {
  status as GrpcStatus,
  type ServerUnaryCall,
  type ServerWritableStream,
  type sendUnaryData,
  type UntypedHandleCall,
} from '@grpc/grpc-js';
import { propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Histogram, type Span } from '@opentelemetry/api';
import type { Logger } from 'pino';
import { isAppError } from '@mpp/errors';
import { toStatus } from './errors.js';
import { getActor, metadataGetter } from './metadata.js';
import type { CallContext } from './types.js';

type AnyUnary = (req: unknown, ctx: CallContext) => Promise<unknown>;
type AnyStream = (req: unknown, ctx: CallContext) => AsyncIterable<unknown>;
type Call = ServerUnaryCall<unknown, unknown> | ServerWritableStream<unknown, unknown>;

export interface HandlerOptions {
  /** The platform service that serves the call; every span says it (all-in-one mode). */
  readonly serviceLabel: string;
  readonly log: Logger;
  /** `mpp_rpc_server_duration_seconds`: each call's duration by service, method and status. */
  readonly duration: Histogram;
}

const tracer = () => trace.getTracer('@mpp/grpc');

/** Runs `fn` inside a SERVER span whose parent is the caller's `traceparent`. */
function withServerSpan<T>(call: Call, method: DescMethod, opts: HandlerOptions, fn: (span: Span) => Promise<T>): Promise<T> {
  const parent = propagation.extract(ROOT_CONTEXT, call.metadata, metadataGetter);
  return tracer().startActiveSpan(
    `${method.parent.typeName}/${method.name}`,
    {
      kind: SpanKind.SERVER,
      attributes: {
        'rpc.system': 'grpc',
        'rpc.service': method.parent.typeName,
        'rpc.method': method.name,
        'mpp.service': opts.serviceLabel,
      },
    },
    parent,
    fn,
  );
}

function callContext(call: Call, method: DescMethod): CallContext {
  const controller = new AbortController();
  call.on('cancelled', () => controller.abort(new Error('call cancelled or deadline exceeded')));
  const deadline = call.getDeadline();
  return {
    actor: getActor(call.metadata),
    signal: controller.signal,
    deadline: deadline instanceof Date ? deadline : Number.isFinite(deadline) ? new Date(deadline) : undefined,
    metadata: call.metadata,
    method: `${method.parent.typeName}/${method.name}`,
  };
}

/** Records the call's duration under its gRPC status name (`OK`, `NOT_FOUND`, …). */
function recordDuration(opts: HandlerOptions, method: DescMethod, startedAt: number, code: GrpcStatus): void {
  opts.duration.record((performance.now() - startedAt) / 1000, { service: opts.serviceLabel, method: `${method.parent.typeName}/${method.name}`, code: GrpcStatus[code] });
}

function fail(span: Span, error: unknown, opts: HandlerOptions, method: DescMethod) {
  const traceId = span.spanContext().traceId;
  const status = toStatus(error, traceId);
  span.setStatus({ code: SpanStatusCode.ERROR, message: status.details ?? '' });
  span.setAttribute('rpc.grpc.status_code', status.code);
  if (!isAppError(error) || error.code === 'internal') {
    span.recordException(error instanceof Error ? error : new Error(String(error)));
    opts.log.error({ err: error, method: method.name, trace_id: traceId }, 'handler failed');
  }
  return status;
}

export function unaryHandler(method: DescMethod, impl: AnyUnary, opts: HandlerOptions): UntypedHandleCall {
  return (call: ServerUnaryCall<unknown, unknown>, callback: sendUnaryData<unknown>) => {
    const startedAt = performance.now();
    void withServerSpan(call, method, opts, async (span) => {
      let code = GrpcStatus.OK;
      try {
        const out = await impl(call.request, callContext(call, method));
        callback(null, create(method.output, out as never));
      } catch (error) {
        const status = fail(span, error, opts, method);
        code = status.code;
        callback(status);
      } finally {
        span.end();
        recordDuration(opts, method, startedAt, code);
      }
    });
  };
}

export function serverStreamHandler(method: DescMethod, impl: AnyStream, opts: HandlerOptions): UntypedHandleCall {
  return (call: ServerWritableStream<unknown, unknown>) => {
    const startedAt = performance.now();
    void withServerSpan(call, method, opts, async (span) => {
      let code = GrpcStatus.OK;
      try {
        const ctx = callContext(call, method);
        for await (const item of impl(call.request, ctx)) {
          if (ctx.signal.aborted) break;
          if (!call.write(create(method.output, item as never))) {
            await new Promise<void>((resolve) => call.once('drain', resolve));
          }
        }
        // A stream the caller left (cancelled, or its deadline passed) ends without a status.
        if (ctx.signal.aborted) code = GrpcStatus.CANCELLED;
        call.end();
      } catch (error) {
        // grpc-js turns an 'error' on the stream into the call's status (destroy() would end
        // the stream without sending one, and the client would wait for its deadline).
        const status = fail(span, error, opts, method);
        code = status.code;
        call.emit('error', Object.assign(new Error(), status));
      } finally {
        span.end();
        recordDuration(opts, method, startedAt, code);
      }
    });
  };
}

