export { main, HELP } from './main.js';
export { TARGETS, type TargetName } from './targets.js';
export type { Io } from './io.js';
