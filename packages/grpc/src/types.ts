import type { DescMessage, DescService, MessageInitShape, MessageShape } from '@bufbuild/protobuf';
import type { Actor } from '@mpp/contracts';
import type { Metadata } from '@grpc/grpc-js';

/** What a handler knows about the call besides its request. */
export interface CallContext {
  /** The verified actor the caller passed (gateway → service, service → service). */
  readonly actor: Actor | undefined;
  /** Aborted when the client cancels or the deadline passes; pass it to I/O. */
  readonly signal: AbortSignal;
  readonly deadline: Date | undefined;
  readonly metadata: Metadata;
  /** `package.Service/Method`. */
  readonly method: string;
}

type MethodOf<S extends DescService> = S['method'];
type In<M> = M extends { input: infer I extends DescMessage } ? I : never;
type Out<M> = M extends { output: infer O extends DescMessage } ? O : never;

export type UnaryHandler<I extends DescMessage, O extends DescMessage> = (
  request: MessageShape<I>,
  ctx: CallContext,
) => Promise<MessageInitShape<O>>;

export type ServerStreamHandler<I extends DescMessage, O extends DescMessage> = (
  request: MessageShape<I>,
  ctx: CallContext,
) => AsyncIterable<MessageInitShape<O>>;

/** The handlers a service implementation provides, typed from its generated descriptor. */
export type ServiceImpl<S extends DescService> = {
  [K in keyof MethodOf<S>]: MethodOf<S>[K] extends { methodKind: 'unary' }
    ? UnaryHandler<In<MethodOf<S>[K]>, Out<MethodOf<S>[K]>>
    : MethodOf<S>[K] extends { methodKind: 'server_streaming' }
      ? ServerStreamHandler<In<MethodOf<S>[K]>, Out<MethodOf<S>[K]>>
      : never;
};

export interface CallOptions {
  /** Milliseconds from now until the call fails with DEADLINE_EXCEEDED. */
  readonly timeoutMs?: number;
  /** Overrides the client's actor for this call. */
  readonly actor?: Actor;
  readonly signal?: AbortSignal;
}

/** A typed client: a promise per unary method, an async iterable per server-streaming method. */
export type Client<S extends DescService> = {
  [K in keyof MethodOf<S>]: MethodOf<S>[K] extends { methodKind: 'unary' }
    ? (request: MessageInitShape<In<MethodOf<S>[K]>>, options?: CallOptions) => Promise<MessageShape<Out<MethodOf<S>[K]>>>
    : MethodOf<S>[K] extends { methodKind: 'server_streaming' }
      ? (request: MessageInitShape<In<MethodOf<S>[K]>>, options?: CallOptions) => AsyncIterable<MessageShape<Out<MethodOf<S>[K]>>>
      : never;
};
