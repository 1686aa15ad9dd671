import { CatalogService } from '@mpp/contracts';
import { createServiceShell, type ServiceShell } from '@mpp/runtime';
import { catalogApi } from './api/catalog-api.js';
import { createCatalogWrites } from './app/writes.js';
import type { CatalogConfig } from './config.js';
import { createCatalogQueries } from './infra/queries.js';
import { catalogView, trigramSchema } from './infra/view.js';

/**
 * The catalog service: what each MPP offers, where, when and by whom. Writes are event-sourced
 * (`mpp.catalog.v1`); queries read `catalog_view`, projected from the catalog's own log.
 */
export function build(config: CatalogConfig, options: { now?: () => Date } = {}): ServiceShell {
  return createServiceShell({
    name: 'catalog',
    config,
    projections: [{ definition: catalogView, sources: ['catalog'] }],
    api: {
      service: CatalogService,
      async create({ db, eventStore }) {
        const queries = createCatalogQueries(db, 'catalog', await trigramSchema(db));
        return catalogApi({ writes: createCatalogWrites(eventStore), queries, store: eventStore, now: options.now ?? (() => new Date()) });
      },
    },
  });
}
