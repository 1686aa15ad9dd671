/**
 * The OpenTelemetry register module. Under ESM the SDK must be installed before the app's modules
 * load, or no spans appear, so processes start as
 *   node --import @mpp/telemetry/register bin/mpp.mjs start --target=<service>
 * Exporting follows the standard variables: OTEL_SDK_DISABLED, OTEL_TRACES_EXPORTER (otlp | none),
 * OTEL_EXPORTER_OTLP_ENDPOINT, OTEL_SERVICE_NAME.
 */
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { startTracing } from './tracing.js';

const env = process.env;
if (env.OTEL_SDK_DISABLED !== 'true') {
  const exporterName = env.OTEL_TRACES_EXPORTER ?? (env.OTEL_EXPORTER_OTLP_ENDPOINT ? 'otlp' : 'none');
  if (exporterName !== 'otlp' && exporterName !== 'none') {
    throw new Error(`OTEL_TRACES_EXPORTER=${exporterName} is not supported: use otlp or none`);
  }
  const tracing = startTracing({
    serviceName: env.OTEL_SERVICE_NAME ?? 'mpp',
    ...(exporterName === 'otlp' ? { exporter: new OTLPTraceExporter() } : {}),
  });
  process.once('beforeExit', () => void tracing.shutdown());
}
