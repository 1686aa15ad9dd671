import type { DescService } from '@bufbuild/protobuf';
import { createGrpcServer, type GrpcServer, type ServiceImpl } from '@mpp/grpc';
import { createLogger, type Logger } from '@mpp/telemetry';
import type pg from 'pg';
import { openServiceDatabase } from './database.js';
import { startEventing, type Eventing } from './eventing.js';
import type { KafkaSecurity } from './kafka-settings.js';
import { consumerFactory, startProjections, type ProjectionSpec, type RunningProjections } from './projections.js';
import { createScheduler, systemClock, type Clock, type EventStore, type NewTimer, type Queryable, type Relay, type Scheduler, type TimerHandler } from '@mpp/eventstore';

/** Besides these, the Kafka security settings (KAFKA_SASL_*, KAFKA_TLS*) of services that use Kafka. */
export interface ShellConfig extends Partial<KafkaSecurity> {
  readonly grpcHost: string;
  readonly grpcPort: number;
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Services that own data; the gateway owns none. */
  readonly databaseUrl?: string;
  /** Where the outbox relay publishes; empty or absent: no relay. */
  readonly kafkaBrokers?: readonly string[];
  /** Prefix of the topics and consumer groups (KAFKA_TOPIC_PREFIX). */
  readonly kafkaTopicPrefix?: string;
}

export interface ShellOptions<S extends DescService> {
  /** The platform service: `catalog`, `queue`, `survey`, `reporting`, `gateway`. */
  readonly name: string;
  readonly config: ShellConfig;
  /**
   * The service's gRPC API and its handlers; `create` builds them once the database and the
   * event store are open (services whose handlers need them).
   */
  readonly api?: { readonly service: S; readonly impl: ServiceImpl<S> } | { readonly service: S; create(deps: ApiDeps): ServiceImpl<S> | Promise<ServiceImpl<S>> };
  /** Where "now" comes from for the handlers and the timers (tests pass a manual clock). */
  readonly clock?: Clock;
  /** How often the durable timers are looked at (ms); default 1000. */
  readonly timerPollMs?: number;
  /** Read models the service keeps from events (services that own data). */
  readonly projections?: readonly ProjectionSpec[];
  /**
   * Work the service runs beside its API and consumers (services that own data), started last,
   * stopped after the consumers: e.g. the reporting service's webhook sender.
   */
  readonly background?: (deps: ApiDeps) => BackgroundWork | Promise<BackgroundWork>;
  readonly log?: Logger;
}

/** Something a service runs in the background until it stops. */
export interface BackgroundWork {
  stop(): Promise<void>;
}

/** What a service's handlers are built from. */
export interface ApiDeps {
  readonly db: pg.Pool;
  readonly eventStore: EventStore;
  readonly log: Logger;
  readonly clock: Clock;
  /** Durable timers in the service's schema, fired once (DESIGN.md §4 scheduler). */
  readonly timers: Timers;
}

/** The service's durable timers: register a handler per kind, then schedule. */
export interface Timers {
  /**
   * Registers what fires timers of `kind` (before any is due). `maxAttempts` overrides the
   * scheduler's default for this kind (`Infinity`: retry until it succeeds, backoff capped).
   */
  handle(kind: string, handler: TimerHandler, options?: { readonly maxAttempts?: number }): void;
  schedule(timer: NewTimer, db?: Queryable): Promise<boolean>;
  cancel(id: string, db?: Queryable): Promise<boolean>;
  /** Fires what is due now (tests with a manual clock). */
  runDue(): Promise<number>;
}

export interface RunningService {
  readonly name: string;
  readonly grpcPort: number;
  readonly log: Logger;
  readonly db: pg.Pool | undefined;
  /** The service's event store, in its own schema (services that own data). */
  readonly eventStore: EventStore | undefined;
  readonly relay: Relay | undefined;
  /** The service's timers (services that own data). */
  readonly scheduler: Scheduler | undefined;
  /** Health NOT_SERVING, drain calls, close the database. Idempotent. */
  stop(): Promise<void>;
}

export interface ServiceShell {
  readonly name: string;
  start(): Promise<RunningService>;
}

/**
 * What every service runs in: pino logger, its own PostgreSQL schema, a gRPC server with health
 * and reflection, and an orderly stop. `build(config)` of each service returns one of these;
 * nothing listens until `start()`.
 *
 * @example
 * const shell = createServiceShell({ name: 'catalog', config, api: { service: CatalogService, impl: {} } });
 * const running = await shell.start();
 * await running.stop();
 */
export function createServiceShell<S extends DescService>(options: ShellOptions<S>): ServiceShell {
  const { name, config } = options;
  return {
    name,
    async start() {
      const log = options.log ?? createLogger({ service: name, level: config.logLevel });
      const db = config.databaseUrl ? await openServiceDatabase(config.databaseUrl, name, log) : undefined;
      let server: GrpcServer | undefined;
      let eventing: Eventing | undefined;
      let projections: RunningProjections | undefined;
      let scheduler: Scheduler | undefined;
      let background: BackgroundWork | undefined;
      const clock = options.clock ?? systemClock;
      const handlers: Record<string, TimerHandler> = {};
      const maxAttemptsByKind: Record<string, number> = {};
      try {
        if (db) {
          scheduler = createScheduler({ pool: db, schema: name, clock, handlers, maxAttemptsByKind, log: log.child({ component: 'scheduler' }), ...(options.timerPollMs ? { pollIntervalMs: options.timerPollMs } : {}) });
          await scheduler.migrate();
        }
        if (db) eventing = await startEventing({ name, db, kafkaBrokers: config.kafkaBrokers ?? [], security: config, topicPrefix: config.kafkaTopicPrefix ?? '', log });
        server = createGrpcServer({ name, log });
        const timers: Timers | undefined = scheduler && {
          handle: (kind, handler, opts) => {
            handlers[kind] = handler;
            if (opts?.maxAttempts !== undefined) maxAttemptsByKind[kind] = opts.maxAttempts;
          },
          schedule: (timer, on) => scheduler!.schedule(timer, on),
          cancel: (id, on) => scheduler!.cancel(id, on),
          runDue: () => scheduler!.runDue(),
        };
        // The handlers exist before any consumer runs: a projection that reacts to events with
        // commands (the survey opening a ticket's survey) finds the application built.
        if (options.api) server.add(options.api.service, await implOf(options.api, { db, eventStore: eventing?.store, log, clock, timers }));
        if (db && options.projections?.length) {
          const consumers = consumerFactory({ schema: name, db, kafkaBrokers: config.kafkaBrokers ?? [], security: config, topicPrefix: config.kafkaTopicPrefix ?? '', log: log.child({ component: 'consumer' }) });
          projections = await startProjections({ schema: name, db, specs: options.projections, consumers, log });
        }
        // A service that registered no timer kind has nothing to poll for.
        if (Object.keys(handlers).length > 0) scheduler?.start();
        if (options.background) {
          if (!db || !eventing || !timers) throw new Error(`${name}: background work needs DATABASE_URL`);
          background = await options.background({ db, eventStore: eventing.store, log, clock, timers });
        }
        const grpcPort = await server.listen(`${config.grpcHost}:${config.grpcPort}`);
        log.info({ grpcPort, schema: db ? name : undefined }, `${name} service started`);
        let stopping: Promise<void> | undefined;
        const grpc = server;
        return {
          name,
          grpcPort,
          log,
          db,
          eventStore: eventing?.store,
          relay: eventing?.relay,
          scheduler,
          stop() {
            stopping ??= (async () => {
              await grpc.shutdown();
              await scheduler?.stop();
              await projections?.stop();
              // After the consumers: background work may hold what they use (a producer).
              await background?.stop();
              await eventing?.relay?.stop();
              await db?.end();
              log.info(`${name} service stopped`);
            })();
            return stopping;
          },
        };
      } catch (error) {
        await background?.stop();
        await server?.shutdown(0);
        await scheduler?.stop();
        await projections?.stop();
        await eventing?.relay?.stop();
        await db?.end();
        throw error;
      }
    },
  };
}

async function implOf<S extends DescService>(
  api: NonNullable<ShellOptions<S>['api']>,
  deps: { db: pg.Pool | undefined; eventStore: EventStore | undefined; log: Logger; clock: Clock; timers: Timers | undefined },
): Promise<ServiceImpl<S>> {
  if ('impl' in api) return api.impl;
  if (!deps.db || !deps.eventStore || !deps.timers) throw new Error('this service needs DATABASE_URL: its handlers read and write its own schema');
  return api.create({ db: deps.db, eventStore: deps.eventStore, log: deps.log, clock: deps.clock, timers: deps.timers });
}
