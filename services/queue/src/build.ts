import { QueueService } from '@mpp/contracts';
import { createServiceShell, type ServiceShell } from '@mpp/runtime';
import type { QueueConfig } from './config.js';
import { catalogReplica } from './infra/catalog-replica.js';

/**
 * The queue service, ready to start. Today: its local replica of the catalog (from
 * `mpp.catalog.v1`, or the catalog's log in single-node mode); the ticket API comes next.
 */
export function build(config: QueueConfig): ServiceShell {
  return createServiceShell({
    name: 'queue',
    config,
    projections: [{ definition: catalogReplica, sources: ['catalog'] }],
    api: { service: QueueService, impl: {} },
  });
}
