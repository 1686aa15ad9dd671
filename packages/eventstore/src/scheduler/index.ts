export { createManualClock, systemClock, type Clock, type ManualClock } from './clock.js';
export { createScheduler } from './scheduler.js';
export { migrateScheduler } from './schema.js';
export type { NewTimer, Queryable, Scheduler, SchedulerLog, SchedulerOptions, Timer, TimerHandler } from './types.js';
