export { build } from './build.js';
export { configSpec, loadConfig, type QueueConfig } from './config.js';
