export { createGrpcServer, type GrpcServer, type GrpcServerOptions } from './server.js';
export { createClient, type ClientOptions, type ClosableClient } from './client.js';
export { createHealth, ServingStatus, type HealthReporter } from './health.js';
export { serviceDefinition, methodDefinition, methodPath } from './definition.js';
export { grpcStatusOf, errorCodeOf, toStatus, fromServiceError, ERROR_TRAILER } from './errors.js';
export { ACTOR_HEADER, getActor, setActor } from './metadata.js';
export { addReflection, filesOf } from './reflection.js';
export type { CallContext, CallOptions, Client, ServiceImpl, UnaryHandler, ServerStreamHandler } from './types.js';
export { status as GrpcStatus } from '@grpc/grpc-js';
