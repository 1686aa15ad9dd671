export { build } from './build.js';
export { configSpec, loadConfig, type ReportingConfig } from './config.js';
export { projections } from './projections/index.js';
