import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trace } from '@opentelemetry/api';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace';
import { Health, Role, HealthCheckResponse_ServingStatus as S, type Actor } from '@mpp/contracts';
import { AppError } from '@mpp/errors';
import { createLogger, startTracing, type Tracing } from '@mpp/telemetry';
import { waitFor } from '@mpp/testing';
import { createClient, createGrpcServer, GrpcStatus, type CallContext, type GrpcServer } from '../src/index.js';

// The adapter is generic: these tests serve the generated grpc.health.v1 descriptor with handlers
// of their own, so every path (unary, stream, deadline, errors, metadata) runs over real HTTP/2.
const exporter = new InMemorySpanExporter();
const log = createLogger({ service: 'grpc-test', level: 'silent' });
let tracing: Tracing;
let server: GrpcServer;
let address: string;
let seen: { actor: Actor | undefined; traceId: string | undefined; deadline: Date | undefined } | undefined;
let slowCallAborted = false;

const officer: Actor = { $typeName: 'mpp.common.v1.Actor', subject: 'officer-7', role: Role.OFFICER, agencyCode: 'disdukcapil-kendari', mallId: 'mall-kendari' };

async function check(service: string, ctx: CallContext) {
  switch (service) {
    case 'echo':
      seen = { actor: ctx.actor, traceId: trace.getActiveSpan()?.spanContext().traceId, deadline: ctx.deadline };
      return { status: S.SERVING };
    case 'slow':
      await new Promise<void>((resolve) => ctx.signal.addEventListener('abort', () => resolve(), { once: true }));
      slowCallAborted = true;
      return { status: S.SERVING };
    case 'invalid':
      throw new AppError('invalid', 'service must be a known name', { violations: [{ field: 'service', reason: 'unknown' }] });
    case 'bug':
      throw new Error('secret connection string postgres://x');
    default:
      throw new AppError('not_found', `unknown service "${service}"`);
  }
}

beforeAll(async () => {
  tracing = startTracing({ serviceName: 'grpc-test', exporter, simple: true });
  server = createGrpcServer({ name: 'catalog', log, serveHealth: false });
  const health = server.health;
  server.add(Health, {
    check: (req, ctx) => check(req.service, ctx),
    list: health.impl.list,
    watch: health.impl.watch,
  });
  address = `127.0.0.1:${await server.listen('127.0.0.1:0')}`;
});

afterAll(async () => {
  await server.shutdown(1_000);
  await tracing.shutdown();
});

describe('gRPC adapter over a real server', () => {
  it('carries the actor, the deadline and the trace context from caller to handler', async () => {
    const { client, close } = createClient(Health, { address, actor: officer });
    try {
      const res = await client.check({ service: 'echo' }, { timeoutMs: 5_000 });
      expect(res.status).toBe(S.SERVING);
    } finally {
      close();
    }
    expect(seen?.actor).toMatchObject({ subject: 'officer-7', role: Role.OFFICER, agencyCode: 'disdukcapil-kendari', mallId: 'mall-kendari' });
    expect(seen?.deadline).toBeInstanceOf(Date);
    expect(seen?.traceId).toMatch(/^[0-9a-f]{32}$/);
  });

  it('one trace spans client and server, and the server span names its platform service', async () => {
    exporter.reset();
    const { client, close } = createClient(Health, { address });
    await trace.getTracer('test').startActiveSpan('gateway request', async (root) => {
      await client.check({ service: 'echo' });
      root.end();
    });
    close();
    const spans = await waitFor(() => {
      const all = exporter.getFinishedSpans();
      return all.length >= 3 ? all : undefined;
    }, { what: 'three finished spans' });
    const root = spans.find((s) => s.name === 'gateway request');
    const clientSpan = spans.find((s) => s.name === 'grpc.health.v1.Health/Check' && s.kind === 2 /* CLIENT */);
    const serverSpan = spans.find((s) => s.name === 'grpc.health.v1.Health/Check' && s.kind === 1 /* SERVER */);
    expect(root && clientSpan && serverSpan).toBeTruthy();
    const traceId = root!.spanContext().traceId;
    expect(clientSpan!.spanContext().traceId).toBe(traceId);
    expect(serverSpan!.spanContext().traceId).toBe(traceId);
    expect(clientSpan!.parentSpanContext?.spanId).toBe(root!.spanContext().spanId);
    expect(serverSpan!.parentSpanContext?.spanId).toBe(clientSpan!.spanContext().spanId);
    expect(serverSpan!.attributes['mpp.service']).toBe('catalog');
    expect(seen?.traceId).toBe(traceId);
  });

  it('fails a call past its deadline with DEADLINE_EXCEEDED and aborts the handler', async () => {
    slowCallAborted = false;
    const { client, close } = createClient(Health, { address });
    try {
      const error = await client.check({ service: 'slow' }, { timeoutMs: 200 }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe('deadline_exceeded');
      expect(((error as AppError).cause as { code: number }).code).toBe(GrpcStatus.DEADLINE_EXCEEDED);
      await waitFor(() => slowCallAborted, { what: 'the handler to see its signal aborted' });
    } finally {
      close();
    }
  });

  it('maps AppError codes to gRPC status codes and back, with field-level reasons', async () => {
    const { client, close } = createClient(Health, { address });
    try {
      const invalid = (await client.check({ service: 'invalid' }).catch((e: unknown) => e)) as AppError;
      expect(invalid.code).toBe('invalid');
      expect(invalid.message).toBe('service must be a known name');
      expect(invalid.violations).toEqual([{ field: 'service', reason: 'unknown' }]);
      expect((invalid.cause as { code: number }).code).toBe(GrpcStatus.INVALID_ARGUMENT);

      const missing = (await client.check({ service: 'nope' }).catch((e: unknown) => e)) as AppError;
      expect(missing.code).toBe('not_found');
      expect((missing.cause as { code: number }).code).toBe(GrpcStatus.NOT_FOUND);
    } finally {
      close();
    }
  });

  it('hides the internals of an unexpected error and answers INTERNAL with the trace id', async () => {
    const { client, close } = createClient(Health, { address });
    try {
      const error = (await client.check({ service: 'bug' }).catch((e: unknown) => e)) as AppError;
      expect(error.code).toBe('internal');
      expect((error.cause as { code: number }).code).toBe(GrpcStatus.INTERNAL);
      expect(error.message).not.toContain('postgres://');
      expect(error.message).toMatch(/^internal error \(trace id [0-9a-f]{32}\)$/);
    } finally {
      close();
    }
  });

  it('streams health changes to a watcher and ends the stream at its deadline', async () => {
    server.health.setStatus('mpp.test.v1.Thing', S.NOT_SERVING);
    const { client, close } = createClient(Health, { address });
    const statuses: S[] = [];
    try {
      const stream = client.watch({ service: 'mpp.test.v1.Thing' }, { timeoutMs: 1_500 });
      const done = (async () => {
        for await (const item of stream) {
          statuses.push(item.status);
          if (statuses.length === 1) server.health.setStatus('mpp.test.v1.Thing', S.SERVING);
        }
      })();
      const error = (await done.catch((e: unknown) => e)) as AppError;
      expect(statuses).toEqual([S.NOT_SERVING, S.SERVING]);
      expect(error.code).toBe('deadline_exceeded');
    } finally {
      close();
    }
  });

  it('answers server reflection, so `buf curl` calls a method knowing only the address', async () => {
    // Asynchronous: the server under test shares this process's event loop.
    const run = promisify(execFile);
    const base = ['curl', '--protocol', 'grpc', '--http2-prior-knowledge'];
    const res = await run('buf', [...base, '--data', '{"service":"echo"}', `http://${address}/grpc.health.v1.Health/Check`], { timeout: 30_000 });
    expect(JSON.parse(res.stdout)).toEqual({ status: 'SERVING' });
    const list = await run('buf', [...base, '--list-methods', `http://${address}`], { timeout: 30_000 });
    expect(list.stdout).toContain('grpc.health.v1.Health/Watch');
  });
});
