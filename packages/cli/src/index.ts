export { main, HELP } from './main.js';
export { TARGETS, type TargetName } from './targets.js';
export type { Io } from './io.js';
export { startPlatform, demoPeople, type RunningPlatform, type PlatformOptions } from './platform.js';
export { PARTNER_CONFIG_SPEC } from './partner/settings.js';
