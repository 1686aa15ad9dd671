import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Health, HealthCheckResponse_ServingStatus as S } from '@mpp/contracts';
import { AppError } from '@mpp/errors';
import { createLogger, startMetrics, type Metrics } from '@mpp/telemetry';
import { sampleValue } from '@mpp/testing';
import { createClient, createGrpcServer, type GrpcServer } from '../src/index.js';

// The adapter times every call it serves: `mpp_rpc_server_duration_seconds{service, method, code}`,
// read here as Prometheus scrapes it.
const log = createLogger({ service: 'grpc-test', level: 'silent' });
const CHECK = 'grpc.health.v1.Health/Check';
const WATCH = 'grpc.health.v1.Health/Watch';
let metrics: Metrics;
let server: GrpcServer;
let address: string;

beforeAll(async () => {
  metrics = startMetrics({ serviceName: 'grpc-test' });
  server = createGrpcServer({ name: 'queue', log, serveHealth: false });
  server.add(Health, {
    check: async ({ service }) => {
      if (service === 'known') return { status: S.SERVING };
      throw new AppError('not_found', `unknown service "${service}"`);
    },
    list: server.health.impl.list,
    async *watch({ service }) {
      if (service === 'broken') throw new AppError('illegal_state', 'no watching this one');
      yield { status: S.SERVING };
    },
  });
  address = `127.0.0.1:${await server.listen('127.0.0.1:0')}`;
});

afterAll(async () => {
  await server.shutdown(1_000);
  await metrics.shutdown();
});

describe('gRPC server metrics', () => {
  it('records each unary call under its service, full method name and status name', async () => {
    const { client, close } = createClient(Health, { address, defaultTimeoutMs: 5_000 });
    try {
      await client.check({ service: 'known' });
      await client.check({ service: 'known' });
      await expect(client.check({ service: 'unknown' })).rejects.toThrow(/unknown service/);
    } finally {
      close();
    }
    const text = await metrics.scrape();
    expect(text).toContain('# TYPE mpp_rpc_server_duration_seconds histogram');
    expect(sampleValue(text, 'mpp_rpc_server_duration_seconds_count', { service: 'queue', method: CHECK, code: 'OK' })).toBe(2);
    expect(sampleValue(text, 'mpp_rpc_server_duration_seconds_count', { service: 'queue', method: CHECK, code: 'NOT_FOUND' })).toBe(1);
    expect(sampleValue(text, 'mpp_rpc_server_duration_seconds_bucket', { service: 'queue', method: CHECK, code: 'OK', le: '+Inf' })).toBe(2);
  });

  it('records a server stream when it ends, with the status it ended with', async () => {
    const { client, close } = createClient(Health, { address, defaultTimeoutMs: 5_000 });
    try {
      const received: S[] = [];
      for await (const res of client.watch({ service: 'known' })) received.push(res.status);
      expect(received).toEqual([S.SERVING]);
      await expect(async () => {
        for await (const res of client.watch({ service: 'broken' })) void res;
      }).rejects.toThrow(/no watching/);
    } finally {
      close();
    }
    const text = await metrics.scrape();
    expect(sampleValue(text, 'mpp_rpc_server_duration_seconds_count', { service: 'queue', method: WATCH, code: 'OK' })).toBe(1);
    expect(sampleValue(text, 'mpp_rpc_server_duration_seconds_count', { service: 'queue', method: WATCH, code: 'FAILED_PRECONDITION' })).toBe(1);
  });
});
