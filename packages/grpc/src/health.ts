import { AppError } from '@mpp/errors';
import { Health, HealthCheckResponse_ServingStatus as ServingStatus } from '@mpp/contracts';
import type { ServiceImpl } from './types.js';

export { ServingStatus };

/**
 * The standard gRPC health service (grpc.health.v1). `''` is the whole server; each platform
 * service registers its fully qualified name. Kubernetes gRPC probes call Check.
 */
export interface HealthReporter {
  setStatus(service: string, status: ServingStatus): void;
  /** Marks everything NOT_SERVING and ends open Watch streams (graceful shutdown). */
  shutdown(): void;
  readonly impl: ServiceImpl<typeof Health>;
}

export function createHealth(): HealthReporter {
  const statuses = new Map<string, ServingStatus>([['', ServingStatus.SERVING]]);
  const watchers = new Set<() => void>();
  let closed = false;
  const notify = () => watchers.forEach((wake) => wake());

  return {
    setStatus(service, status) {
      statuses.set(service, status);
      notify();
    },
    shutdown() {
      closed = true;
      for (const key of statuses.keys()) statuses.set(key, ServingStatus.NOT_SERVING);
      notify();
    },
    impl: {
      async check(req) {
        const status = statuses.get(req.service);
        if (status === undefined) throw new AppError('not_found', `unknown service "${req.service}"`);
        return { status };
      },
      async list() {
        const out: Record<string, { status: ServingStatus }> = {};
        for (const [name, status] of statuses) out[name] = { status };
        return { statuses: out };
      },
      async *watch(req, ctx) {
        let last: ServingStatus | undefined;
        while (!ctx.signal.aborted) {
          const status = statuses.get(req.service) ?? ServingStatus.SERVICE_UNKNOWN;
          if (status !== last) {
            last = status;
            yield { status };
          }
          if (closed) return;
          await new Promise<void>((resolve) => {
            const wake = () => {
              watchers.delete(wake);
              ctx.signal.removeEventListener('abort', wake);
              resolve();
            };
            watchers.add(wake);
            ctx.signal.addEventListener('abort', wake, { once: true });
          });
        }
      },
    },
  };
}
