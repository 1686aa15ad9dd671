import { Writable } from 'node:stream';
import { trace } from '@opentelemetry/api';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace';
import { afterAll, describe, expect, it } from 'vitest';
import { createLogger } from './logger.js';
import { startTracing } from './tracing.js';

const tracing = startTracing({ serviceName: 'logger-test', exporter: new InMemorySpanExporter(), simple: true });
afterAll(() => tracing.shutdown());

function capture() {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { lines, log: createLogger({ service: 'queue', destination }) };
}

describe('logger', () => {
  it('writes JSON with the service, the level name and, inside a span, its trace and span ids', () => {
    const { lines, log } = capture();
    log.info({ ticketId: 't-1' }, 'outside');
    trace.getTracer('test').startActiveSpan('work', (span) => {
      log.info({ ticketId: 't-1' }, 'inside');
      expect(lines[1]).toMatchObject({ service: 'queue', level: 'info', msg: 'inside', ticketId: 't-1', trace_id: span.spanContext().traceId, span_id: span.spanContext().spanId });
      span.end();
    });
    expect(lines[0]).not.toHaveProperty('trace_id');
  });
});
