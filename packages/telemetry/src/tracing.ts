import { context, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator, W3CBaggagePropagator, CompositePropagator } from '@opentelemetry/core';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  BatchSpanProcessor,
  SimpleSpanProcessor,
  TracerProvider,
  type SpanExporter,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace';

export interface TracingOptions {
  /** `service.name` of the process (`mpp` in all-in-one mode; spans name their service too). */
  readonly serviceName: string;
  /** Where spans go; `undefined` records nothing but still propagates context. */
  readonly exporter?: SpanExporter;
  /** Export each span at once (tests) instead of in batches. */
  readonly simple?: boolean;
}

export interface Tracing {
  readonly provider: TracerProvider;
  shutdown(): Promise<void>;
}

const KEY = Symbol.for('mpp.telemetry.tracing');
type Holder = { [KEY]?: Tracing };

/**
 * Installs the global tracer provider, W3C propagators and the AsyncLocalStorage context manager.
 * Call once, before the app is imported (the `@mpp/telemetry/register` module does).
 *
 * @example
 * const tracing = startTracing({ serviceName: 'mpp', exporter: new InMemorySpanExporter(), simple: true });
 */
export function startTracing(options: TracingOptions): Tracing {
  const holder = globalThis as Holder;
  if (holder[KEY]) return holder[KEY];
  const processors: SpanProcessor[] = [];
  if (options.exporter) {
    processors.push(options.simple ? new SimpleSpanProcessor({ exporter: options.exporter }) : new BatchSpanProcessor({ exporter: options.exporter }));
  }
  const provider = new TracerProvider({
    resource: resourceFromAttributes({ 'service.name': options.serviceName }),
    spanProcessors: processors,
  });
  const contextManager = new AsyncLocalStorageContextManager().enable();
  context.setGlobalContextManager(contextManager);
  propagation.setGlobalPropagator(
    new CompositePropagator({ propagators: [new W3CTraceContextPropagator(), new W3CBaggagePropagator()] }),
  );
  trace.setGlobalTracerProvider(provider);
  const tracing: Tracing = {
    provider,
    async shutdown() {
      await provider.shutdown();
      trace.disable();
      context.disable();
      propagation.disable();
      delete holder[KEY];
    },
  };
  holder[KEY] = tracing;
  return tracing;
}

/** The tracing started in this process, if any. */
export function currentTracing(): Tracing | undefined {
  return (globalThis as Holder)[KEY];
}
