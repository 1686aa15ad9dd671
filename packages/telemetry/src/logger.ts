import { trace } from '@opentelemetry/api';
import { pino, type Logger, type LevelWithSilent, type DestinationStream } from 'pino';

export type { Logger } from 'pino';

export interface LoggerOptions {
  readonly service: string;
  readonly level?: LevelWithSilent;
  /** Where JSON lines go; stdout when omitted. */
  readonly destination?: DestinationStream;
}

/**
 * One pino root logger per service; every line carries the active trace and span ids. Personal
 * data never goes into a log: log ids, not phone numbers or names.
 *
 * @example
 * const log = createLogger({ service: 'queue' });
 * log.info({ ticketId }, 'ticket issued');
 */
export function createLogger(options: LoggerOptions): Logger {
  return pino(
    {
      level: options.level ?? 'info',
      base: { service: options.service },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      mixin() {
        const span = trace.getActiveSpan();
        if (!span) return {};
        const { traceId, spanId } = span.spanContext();
        return { trace_id: traceId, span_id: spanId };
      },
    },
    options.destination,
  );
}
