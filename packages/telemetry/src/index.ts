export { startTracing, currentTracing, type Tracing, type TracingOptions } from './tracing.js';
export { createLogger, type Logger, type LoggerOptions } from './logger.js';
