import { fromBinary, toBinary, type DescMethod, type DescService } from '@bufbuild/protobuf';
import type { MethodDefinition, ServiceDefinition } from '@grpc/grpc-js';

/** `/package.Service/Method`, the HTTP/2 path of a method. */
export function methodPath(method: DescMethod): string {
  return `/${method.parent.typeName}/${method.name}`;
}

/** The grpc-js definition of one method: path, streaming flags, protobuf-es (de)serialisers. */
export function methodDefinition(method: DescMethod): MethodDefinition<unknown, unknown> {
  const streamsIn = method.methodKind === 'client_streaming' || method.methodKind === 'bidi_streaming';
  const streamsOut = method.methodKind === 'server_streaming' || method.methodKind === 'bidi_streaming';
  return {
    path: methodPath(method),
    requestStream: streamsIn,
    responseStream: streamsOut,
    requestSerialize: (m) => Buffer.from(toBinary(method.input, m as never)),
    requestDeserialize: (b: Buffer) => fromBinary(method.input, b),
    responseSerialize: (m) => Buffer.from(toBinary(method.output, m as never)),
    responseDeserialize: (b: Buffer) => fromBinary(method.output, b),
    originalName: method.localName,
  };
}

/** Turns a generated service descriptor into a grpc-js service definition keyed by local name. */
export function serviceDefinition(service: DescService): ServiceDefinition {
  const def: Record<string, MethodDefinition<unknown, unknown>> = {};
  for (const method of service.methods) def[method.localName] = methodDefinition(method);
  return def;
}
