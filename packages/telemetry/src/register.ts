/**
 * The OpenTelemetry register module. Under ESM the SDK must be installed before the app's modules
 * load, or no spans appear, so processes start as
 *   node --import @mpp/telemetry/register bin/mpp.mjs start --target=<service>
 * Exporting follows the standard variables: OTEL_SDK_DISABLED, OTEL_TRACES_EXPORTER (otlp | none),
 * OTEL_EXPORTER_OTLP_ENDPOINT, OTEL_SERVICE_NAME; OTEL_METRICS_EXPORTER (prometheus | none, default
 * none: no port is opened), OTEL_EXPORTER_PROMETHEUS_HOST and OTEL_EXPORTER_PROMETHEUS_PORT.
 */
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { prometheusAddress, startMetrics } from './metrics-export.js';
import { startTracing } from './tracing.js';

/** An OTEL_*_EXPORTER variable's value, refused when it is not one this module supports. */
function exporterOf(variable: string, value: string, supported: readonly string[]): string {
  if (!supported.includes(value)) throw new Error(`${variable}=${value} is not supported: use ${supported.join(' or ')}`);
  return value;
}

const env = process.env;
if (env.OTEL_SDK_DISABLED !== 'true') {
  const serviceName = env.OTEL_SERVICE_NAME ?? 'mpp';
  const traces = exporterOf('OTEL_TRACES_EXPORTER', env.OTEL_TRACES_EXPORTER ?? (env.OTEL_EXPORTER_OTLP_ENDPOINT ? 'otlp' : 'none'), ['otlp', 'none']);
  const metricsExporter = exporterOf('OTEL_METRICS_EXPORTER', env.OTEL_METRICS_EXPORTER ?? 'none', ['prometheus', 'none']);
  const tracing = startTracing({
    serviceName,
    ...(traces === 'otlp' ? { exporter: new OTLPTraceExporter() } : {}),
  });
  // A one-off `mpp` command (rebuild, dlq, partner…) run inside a service's pod serves no metrics:
  // the service itself holds the port.
  const oneOff = /(^|[/\\])mpp(\.mjs)?$/.test(process.argv[1] ?? '') && process.argv[2] !== 'start';
  const metrics = metricsExporter === 'prometheus' && !oneOff ? startMetrics({ serviceName, serve: prometheusAddress(env) }) : undefined;
  process.once('beforeExit', () => void Promise.all([tracing.shutdown(), metrics?.shutdown()]));
}
