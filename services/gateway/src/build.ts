import { createServiceShell, type ServiceShell } from '@mpp/runtime';
import type { GatewayConfig } from './config.js';

/** The gateway service, ready to start. No business logic yet: health and reflection only. */
export function build(config: GatewayConfig): ServiceShell {
  return createServiceShell({
    name: 'gateway',
    config,
  });
}
