import { metrics } from '@opentelemetry/api';
import { PrometheusExporter, PrometheusSerializer } from '@opentelemetry/exporter-prometheus';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { AggregationTemporality, InstrumentType, MeterProvider } from '@opentelemetry/sdk-metrics';

export interface MetricsOptions {
  /** `service.name` of the process (in `target_info`; each series names its service in `service`). */
  readonly serviceName: string;
  /** Serve the Prometheus text at `http://host:port/metrics`; absent: only `scrape()` (tests). */
  readonly serve?: { readonly host: string; readonly port: number };
}

export interface Metrics {
  readonly provider: MeterProvider;
  /** The Prometheus text a scrape of `/metrics` returns now, without a port. */
  scrape(): Promise<string>;
  shutdown(): Promise<void>;
}

/**
 * The Prometheus exporter, but a gauge reports only what its callbacks observed in this scrape
 * (delta for observable gauges, cumulative for the rest as Prometheus expects): the series of a
 * relay or consumer that stopped, or of a mall no longer read, disappear instead of repeating
 * their last value for ever.
 */
class PrometheusReader extends PrometheusExporter {
  override selectAggregationTemporality(instrumentType: InstrumentType): AggregationTemporality {
    return instrumentType === InstrumentType.OBSERVABLE_GAUGE ? AggregationTemporality.DELTA : AggregationTemporality.CUMULATIVE;
  }
}

const KEY = Symbol.for('mpp.telemetry.metrics');
type Holder = { [KEY]?: Metrics };

/**
 * Installs the global meter provider with a Prometheus reader. Call once, before the app is
 * imported (the `@mpp/telemetry/register` module does when `OTEL_METRICS_EXPORTER=prometheus`);
 * tests call it without `serve` and read `scrape()`. The port never keeps a process alive, and a
 * port in use is reported on stderr, not thrown (a CLI command run beside a serving process).
 *
 * @example
 * const exported = startMetrics({ serviceName: 'mpp' });
 * expect(await exported.scrape()).toContain('mpp_rpc_server_duration_seconds_count{');
 */
export function startMetrics(options: MetricsOptions): Metrics {
  const holder = globalThis as Holder;
  if (holder[KEY]) return holder[KEY];
  const { serve } = options;
  const exporter = new PrometheusReader(serve ? { host: serve.host, port: serve.port, endpoint: '/metrics' } : { preventServerStart: true }, (error) => {
    if (error && serve) process.stderr.write(`metrics: could not serve http://${serve.host}:${serve.port}/metrics: ${String(error)}\n`);
  });
  const provider = new MeterProvider({ resource: resourceFromAttributes({ 'service.name': options.serviceName }), readers: [exporter] });
  metrics.setGlobalMeterProvider(provider);
  const serializer = new PrometheusSerializer();
  const exported: Metrics = {
    provider,
    async scrape() {
      const { resourceMetrics } = await exporter.collect();
      return serializer.serialize(resourceMetrics);
    },
    async shutdown() {
      await provider.shutdown();
      metrics.disable();
      delete holder[KEY];
    },
  };
  holder[KEY] = exported;
  return exported;
}

/** The metrics started in this process, if any. */
export function currentMetrics(): Metrics | undefined {
  return (globalThis as Holder)[KEY];
}

/** Where `OTEL_EXPORTER_PROMETHEUS_HOST` / `_PORT` say to serve (defaults 0.0.0.0:9464); throws on a bad port. */
export function prometheusAddress(env: NodeJS.ProcessEnv): { host: string; port: number } {
  const host = env.OTEL_EXPORTER_PROMETHEUS_HOST || '0.0.0.0';
  const text = env.OTEL_EXPORTER_PROMETHEUS_PORT || '9464';
  const port = Number(text);
  if (!/^\d+$/.test(text) || port < 1 || port > 65_535) throw new Error(`OTEL_EXPORTER_PROMETHEUS_PORT=${text} is not a port (1-65535)`);
  return { host, port };
}
