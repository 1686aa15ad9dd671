export { build } from './build.js';
export { configSpec, loadConfig, type CatalogConfig } from './config.js';
export { catalogEvents } from './domain/events.js';
export * as events from './domain/events.js';
export { catalogView, trigramSchema } from './infra/view.js';
export { createCatalogQueries, type CatalogQueries } from './infra/queries.js';
export { importCatalog, parseImportFile, type ImportDocument, type ImportReport } from './app/import/index.js';
export { demoMall } from './demo/index.js';
