import { metrics, ValueType, type Attributes, type Counter, type Histogram, type Meter, type ObservableGauge } from '@opentelemetry/api';

/**
 * The platform's instruments, on the OpenTelemetry API's global meter: the SDK's when one is
 * installed (`startMetrics`: the register module, tests), else a no-op that costs nothing.
 * Every instrument is named as Prometheus scrapes it (the exporter keeps the name, turning only
 * dots into underscores and adding `_total` to counters that lack it), so the names in code,
 * in the alerts and on `/metrics` are the same.
 */
export const METER_NAME = 'mpp';

/**
 * The meter of the global provider as it is now. The API has no proxy meter: ask for it when the
 * instruments are created (a server, a relay, a consumer), never at import, so a provider
 * installed later (a test's) is the one that records.
 */
export function platformMeter(): Meter {
  return metrics.getMeter(METER_NAME);
}

/** The default buckets of the Prometheus client libraries, in seconds: 5 ms to 10 s. */
export const DURATION_BUCKETS_SECONDS: readonly number[] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** A histogram of durations in seconds, e.g. `mpp_rpc_server_duration_seconds`. */
export function durationHistogram(name: string, description: string): Histogram {
  return platformMeter().createHistogram(name, { description, unit: 's', advice: { explicitBucketBoundaries: [...DURATION_BUCKETS_SECONDS] } });
}

/** A counter named with its `_total`, e.g. `mpp_dead_letters_total`. */
export function counter(name: string, description: string): Counter {
  return platformMeter().createCounter(name, { description, valueType: ValueType.INT });
}

/** One value of a gauge and the labels it carries. */
export interface GaugeReading {
  readonly value: number;
  readonly attributes: Attributes;
}

export interface GaugeSpec {
  readonly name: string;
  readonly description: string;
  readonly unit?: string;
}

/** What one collection read: each gauge's readings by the gauge's name (none: no series this time). */
export type GaugeReadings = Readonly<Record<string, readonly GaugeReading[]>>;

/**
 * Observable gauges read together on each collection (a scrape), e.g. one query that yields
 * both the outbox backlog and its age. A failing `read` reports no value this time; the SDK
 * records the error and the other metrics are still served. Returns what stops observing.
 *
 * @example
 * const stop = observeGauges([{ name: 'mpp_tickets_waiting', description: 'tickets waiting now' }],
 *   async () => ({ mpp_tickets_waiting: [{ value: 3, attributes: { mall_id: 'kendari' } }] }));
 */
export function observeGauges(gauges: readonly GaugeSpec[], read: () => Promise<GaugeReadings>): () => void {
  const meter = platformMeter();
  const observables = new Map<string, ObservableGauge>();
  for (const gauge of gauges) {
    observables.set(gauge.name, meter.createObservableGauge(gauge.name, { description: gauge.description, ...(gauge.unit ? { unit: gauge.unit } : {}) }));
  }
  const callback = async (result: { observe(observable: ObservableGauge, value: number, attributes?: Attributes): void }) => {
    const readings = await read();
    for (const [name, observable] of observables) {
      for (const reading of readings[name] ?? []) result.observe(observable, reading.value, reading.attributes);
    }
  };
  const all = [...observables.values()];
  meter.addBatchObservableCallback(callback, all);
  return () => meter.removeBatchObservableCallback(callback, all);
}
