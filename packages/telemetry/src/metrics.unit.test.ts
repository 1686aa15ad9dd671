import { createServer } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { freePort, sampleValue, samplesOf, waitFor } from '@mpp/testing';
import { counter, durationHistogram, observeGauges } from './metrics.js';
import { currentMetrics, prometheusAddress, startMetrics } from './metrics-export.js';

afterEach(async () => {
  await currentMetrics()?.shutdown();
  vi.restoreAllMocks();
});

describe('metrics as Prometheus scrapes them', () => {
  it('keeps each instrument\'s name: seconds histograms with their buckets, counters with _total, gauges read on each scrape', async () => {
    const exported = startMetrics({ serviceName: 'mpp' });
    durationHistogram('mpp_test_duration_seconds', 'a test histogram').record(0.02, { service: 'queue' });
    counter('mpp_test_events_total', 'a test counter').add(2, { service: 'queue' });
    let waiting = 3;
    const stop = observeGauges([{ name: 'mpp_test_waiting', description: 'a test gauge' }], async () => ({ mpp_test_waiting: [{ value: waiting, attributes: { mall_id: 'kendari' } }] }));

    let text = await exported.scrape();
    expect(text).toContain('# TYPE mpp_test_duration_seconds histogram');
    expect(sampleValue(text, 'mpp_test_duration_seconds_count', { service: 'queue' })).toBe(1);
    expect(sampleValue(text, 'mpp_test_duration_seconds_bucket', { service: 'queue', le: '0.01' })).toBe(0);
    expect(sampleValue(text, 'mpp_test_duration_seconds_bucket', { service: 'queue', le: '0.025' })).toBe(1);
    expect(text).toContain('# TYPE mpp_test_events_total counter');
    expect(sampleValue(text, 'mpp_test_events_total', { service: 'queue' })).toBe(2);
    expect(sampleValue(text, 'mpp_test_waiting', { mall_id: 'kendari' })).toBe(3);
    expect(sampleValue(text, 'target_info', { service_name: 'mpp' })).toBe(1);

    waiting = 0;
    expect(sampleValue(await exported.scrape(), 'mpp_test_waiting', { mall_id: 'kendari' })).toBe(0);
    stop();
    text = await exported.scrape();
    expect(samplesOf(text, 'mpp_test_waiting')).toEqual([]);
  });

  it('serves the same text on host:port/metrics', async () => {
    const port = await freePort();
    startMetrics({ serviceName: 'mpp', serve: { host: '127.0.0.1', port } });
    counter('mpp_test_served_total', 'a test counter').add(1, { service: 'gateway' });
    const text = await waitFor(async () => {
      const res = await fetch(`http://127.0.0.1:${port}/metrics`);
      return res.ok ? res.text() : undefined;
    }, { timeoutMs: 10_000, what: 'the metrics endpoint' });
    expect(sampleValue(text, 'mpp_test_served_total', { service: 'gateway' })).toBe(1);
    expect((await fetch(`http://127.0.0.1:${port}/other`)).status).toBe(404);
  });

  it('reports a port in use on stderr instead of failing the process', async () => {
    const taken = createServer();
    const port = await freePort();
    await new Promise<void>((resolve) => taken.listen(port, '127.0.0.1', resolve));
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      startMetrics({ serviceName: 'mpp', serve: { host: '127.0.0.1', port } });
      await waitFor(() => stderr.mock.calls.some(([text]) => String(text).includes(`could not serve http://127.0.0.1:${port}/metrics`)), { timeoutMs: 10_000, what: 'the warning' });
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
  });

  it('takes its address from the standard variables, 0.0.0.0:9464 by default', () => {
    expect(prometheusAddress({})).toEqual({ host: '0.0.0.0', port: 9464 });
    expect(prometheusAddress({ OTEL_EXPORTER_PROMETHEUS_HOST: '127.0.0.1', OTEL_EXPORTER_PROMETHEUS_PORT: '9100' })).toEqual({ host: '127.0.0.1', port: 9100 });
    expect(() => prometheusAddress({ OTEL_EXPORTER_PROMETHEUS_PORT: 'ninety' })).toThrow(/OTEL_EXPORTER_PROMETHEUS_PORT=ninety is not a port/);
    expect(() => prometheusAddress({ OTEL_EXPORTER_PROMETHEUS_PORT: '70000' })).toThrow(/is not a port/);
  });
});
