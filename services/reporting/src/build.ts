import { ReportingService } from '@mpp/contracts';
import { createServiceShell, type ServiceShell } from '@mpp/runtime';
import { projections } from './projections/index.js';
import type { ReportingConfig } from './config.js';

/** The reporting service, ready to start. No business reports yet: health, reflection and the event_counts read model. */
export function build(config: ReportingConfig): ServiceShell {
  return createServiceShell({
    name: 'reporting',
    config,
    api: { service: ReportingService, impl: {} },
    projections,
  });
}
