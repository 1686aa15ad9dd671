export { build } from './build.js';
export { configSpec, loadConfig, type GatewayConfig } from './config.js';
