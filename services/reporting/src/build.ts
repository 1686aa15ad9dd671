import { ReportingService } from '@mpp/contracts';
import { createServiceShell, type ServiceShell } from '@mpp/runtime';
import type { ReportingConfig } from './config.js';

/** The reporting service, ready to start. No business logic yet: health and reflection only. */
export function build(config: ReportingConfig): ServiceShell {
  return createServiceShell({
    name: 'reporting',
    config,
    api: { service: ReportingService, impl: {} },
  });
}
