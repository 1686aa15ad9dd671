import { QueueService } from '@mpp/contracts';
import { createServiceShell, type ServiceShell } from '@mpp/runtime';
import type { QueueConfig } from './config.js';

/** The queue service, ready to start. No business logic yet: health and reflection only. */
export function build(config: QueueConfig): ServiceShell {
  return createServiceShell({
    name: 'queue',
    config,
    api: { service: QueueService, impl: {} },
  });
}
