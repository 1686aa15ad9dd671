export { build, projections, settingsOf, type BuildOptions } from './build.js';
export { configSpec, loadConfig, type QueueConfig } from './config.js';
export type { QueueApp } from './app/queue-app.js';
