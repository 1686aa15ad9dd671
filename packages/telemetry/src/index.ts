export { startTracing, currentTracing, type Tracing, type TracingOptions } from './tracing.js';
export { createLogger, type Logger, type LoggerOptions } from './logger.js';
export {
  METER_NAME,
  DURATION_BUCKETS_SECONDS,
  platformMeter,
  durationHistogram,
  counter,
  observeGauges,
  type GaugeReading,
  type GaugeReadings,
  type GaugeSpec,
} from './metrics.js';
export { startMetrics, currentMetrics, prometheusAddress, type Metrics, type MetricsOptions } from './metrics-export.js';
