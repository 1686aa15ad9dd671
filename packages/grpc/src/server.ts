import type { DescService } from '@bufbuild/protobuf';
import { Server, ServerCredentials, type UntypedServiceImplementation } from '@grpc/grpc-js';
import type { Logger } from 'pino';
import { Health } from '@mpp/contracts';
import { durationHistogram } from '@mpp/telemetry';
import { serviceDefinition } from './definition.js';
import { serverStreamHandler, unaryHandler } from './handlers.js';
import { createHealth, ServingStatus, type HealthReporter } from './health.js';
import { addReflection } from './reflection.js';
import type { ServiceImpl } from './types.js';

export interface GrpcServerOptions {
  /** The platform service this server belongs to (`catalog`, `queue`, ...). */
  readonly name: string;
  readonly log: Logger;
  /** Serve grpc.health.v1 from `health` (default true); off only where a test serves its own. */
  readonly serveHealth?: boolean;
}

export interface GrpcServer {
  /** Registers a service; it reports SERVING in health once the server listens. */
  add<S extends DescService>(service: S, impl: ServiceImpl<S>): void;
  readonly health: HealthReporter;
  /** Binds `host:port` (port 0 picks a free one) and returns the bound port. */
  listen(address: string): Promise<number>;
  /** Health goes NOT_SERVING, in-flight calls get `graceMs` to finish, then the rest are cut. */
  shutdown(graceMs?: number): Promise<void>;
}

/**
 * A grpc-js server for protobuf-es service descriptors, with the standard health service, server
 * reflection, tracing, call durations (`mpp_rpc_server_duration_seconds`) and the platform's error
 * mapping.
 *
 * @example
 * const server = createGrpcServer({ name: 'catalog', log });
 * server.add(CatalogService, {});
 * const port = await server.listen('0.0.0.0:50051');
 */
/** The largest request a service accepts. */
export const MAX_MESSAGE_BYTES = 64 * 1024 * 1024;

export function createGrpcServer(options: GrpcServerOptions): GrpcServer {
  // Imports send whole files (a mall's catalog is a few MB): above grpc-js's 4 MB default.
  const server = new Server({ 'grpc.max_receive_message_length': MAX_MESSAGE_BYTES });
  const health = createHealth();
  const services: DescService[] = [];
  const log = options.log.child({ component: 'grpc' });
  const duration = durationHistogram('mpp_rpc_server_duration_seconds', 'gRPC calls served, by service, method and status; a server stream lasts until it ends');

  const register = <S extends DescService>(service: S, impl: ServiceImpl<S>) => {
    const handlers: UntypedServiceImplementation = {};
    const byName = impl as Record<string, never>;
    for (const method of service.methods) {
      const fn = byName[method.localName];
      if (typeof fn !== 'function') throw new Error(`${service.typeName}: no handler for ${method.name}`);
      const opts = { serviceLabel: options.name, log, duration };
      if (method.methodKind === 'unary') handlers[method.localName] = unaryHandler(method, fn, opts);
      else if (method.methodKind === 'server_streaming') handlers[method.localName] = serverStreamHandler(method, fn, opts);
      else throw new Error(`${service.typeName}/${method.name}: ${method.methodKind} is not supported by the adapter`);
    }
    // grpc-js refuses a service without methods; one that has none yet still reports health and
    // appears in reflection.
    if (service.methods.length > 0) server.addService(serviceDefinition(service), handlers);
    services.push(service);
  };

  if (options.serveHealth !== false) register(Health, health.impl);

  return {
    health,
    add(service, impl) {
      register(service, impl);
      health.setStatus(service.typeName, ServingStatus.NOT_SERVING);
    },
    async listen(address) {
      addReflection(server, services);
      const port = await new Promise<number>((resolve, reject) =>
        server.bindAsync(address, ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound))),
      );
      for (const service of services) if (service !== Health) health.setStatus(service.typeName, ServingStatus.SERVING);
      log.info({ address, port }, 'gRPC server listening');
      return port;
    },
    async shutdown(graceMs = 5_000) {
      health.shutdown();
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          server.forceShutdown();
          resolve();
        }, graceMs);
        server.tryShutdown(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    },
  };
}
