import { CatalogService } from '@mpp/contracts';
import { createServiceShell, type ServiceShell } from '@mpp/runtime';
import type { CatalogConfig } from './config.js';

/** The catalog service, ready to start. No business logic yet: health and reflection only. */
export function build(config: CatalogConfig): ServiceShell {
  return createServiceShell({
    name: 'catalog',
    config,
    api: { service: CatalogService, impl: {} },
  });
}
