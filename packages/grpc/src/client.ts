import { create, type DescMethod, type DescService } from '@bufbuild/protobuf';
import { Client as GrpcClient, credentials, Metadata, type ChannelCredentials, type ServiceError } from '@grpc/grpc-js';
import { context, propagation, SpanKind, SpanStatusCode, trace, type Span } from '@opentelemetry/api';
import type { Actor } from '@mpp/contracts';
import { fromServiceError } from './errors.js';
import { methodDefinition } from './definition.js';
import { metadataSetter, setActor } from './metadata.js';
import type { CallOptions, Client } from './types.js';

export interface ClientOptions {
  /** `host:port` of the service. */
  readonly address: string;
  /** Sent with every call unless a call names another (a service acting as itself). */
  readonly actor?: Actor;
  /** Every call has a deadline; this one applies when the call names none. Default 10 s. */
  readonly defaultTimeoutMs?: number;
  readonly credentials?: ChannelCredentials;
}

export interface ClosableClient<S extends DescService> {
  readonly client: Client<S>;
  close(): void;
}

const tracer = () => trace.getTracer('@mpp/grpc');

/**
 * A typed grpc-js client for a generated service descriptor. Errors arrive as `AppError` with the
 * platform's code; the trace context and the actor travel in metadata.
 *
 * @example
 * const { client, close } = createClient(Health, { address: '127.0.0.1:50051' });
 * const res = await client.check({ service: '' }, { timeoutMs: 1000 });
 */
export function createClient<S extends DescService>(service: S, options: ClientOptions): ClosableClient<S> {
  const grpc = new GrpcClient(options.address, options.credentials ?? credentials.createInsecure());
  const out: Record<string, unknown> = {};
  for (const method of service.methods) {
    out[method.localName] =
      method.methodKind === 'server_streaming'
        ? (req: unknown, opts?: CallOptions) => serverStream(grpc, method, req, options, opts)
        : (req: unknown, opts?: CallOptions) => unary(grpc, method, req, options, opts);
  }
  return { client: out as Client<S>, close: () => grpc.close() };
}

function prepare(method: DescMethod, span: Span, client: ClientOptions, opts: CallOptions | undefined) {
  const metadata = new Metadata();
  const actor = opts?.actor ?? client.actor;
  if (actor) setActor(metadata, actor);
  propagation.inject(trace.setSpan(context.active(), span), metadata, metadataSetter);
  const deadline = new Date(Date.now() + (opts?.timeoutMs ?? client.defaultTimeoutMs ?? 10_000));
  return { metadata, deadline, def: methodDefinition(method) };
}

function startSpan(method: DescMethod): Span {
  return tracer().startSpan(`${method.parent.typeName}/${method.name}`, {
    kind: SpanKind.CLIENT,
    attributes: { 'rpc.system': 'grpc', 'rpc.service': method.parent.typeName, 'rpc.method': method.name },
  });
}

function endWith(span: Span, error?: ServiceError) {
  if (error) {
    span.setStatus({ code: SpanStatusCode.ERROR, message: error.details });
    span.setAttribute('rpc.grpc.status_code', error.code);
  }
  span.end();
}

function unary(grpc: GrpcClient, method: DescMethod, req: unknown, client: ClientOptions, opts?: CallOptions) {
  const span = startSpan(method);
  const { metadata, deadline, def } = prepare(method, span, client, opts);
  return new Promise((resolve, reject) => {
    const call = grpc.makeUnaryRequest(
      def.path,
      def.requestSerialize,
      def.responseDeserialize,
      create(method.input, req as never),
      metadata,
      { deadline },
      (error, value) => {
        endWith(span, error ?? undefined);
        if (error) reject(fromServiceError(error));
        else resolve(value);
      },
    );
    opts?.signal?.addEventListener('abort', () => call.cancel(), { once: true });
  });
}

async function* serverStream(grpc: GrpcClient, method: DescMethod, req: unknown, client: ClientOptions, opts?: CallOptions) {
  const span = startSpan(method);
  const { metadata, deadline, def } = prepare(method, span, client, opts);
  const call = grpc.makeServerStreamRequest(def.path, def.requestSerialize, def.responseDeserialize, create(method.input, req as never), metadata, {
    deadline,
  });
  const onAbort = () => call.cancel();
  opts?.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    for await (const item of call) yield item;
    endWith(span);
  } catch (error) {
    endWith(span, error as ServiceError);
    throw fromServiceError(error as ServiceError);
  } finally {
    opts?.signal?.removeEventListener('abort', onAbort);
    call.cancel();
  }
}
