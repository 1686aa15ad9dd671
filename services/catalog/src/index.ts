export { build } from './build.js';
export { configSpec, loadConfig, type CatalogConfig } from './config.js';
