import { QueueService } from '@mpp/contracts';
import type { Clock } from '@mpp/eventstore';
import { createLogger } from '@mpp/telemetry';
import { createServiceShell, type ProjectionSpec, type ServiceShell } from '@mpp/runtime';
import { queueApi } from './api/queue-api.js';
import { createQueueApp, type QueueApp } from './app/queue-app.js';
import type { QueueSettings } from './app/settings.js';
import type { QueueConfig } from './config.js';
import { catalogReplica } from './infra/catalog-replica.js';
import { notifications } from './infra/notify/notifications.js';
import { observeTicketsWaiting } from './infra/metrics.js';
import { createHttpNotifier, createLogNotifier, type Notifier } from './infra/notify/notifier.js';
import { queueView } from './infra/views.js';

/** The read models the queue keeps (for `mpp rebuild`); notifications react to its own log. */
export const projections: readonly ProjectionSpec[] = [
  { definition: catalogReplica, sources: ['catalog'] },
  { definition: queueView, sources: ['queue'] },
];

export function settingsOf(config: QueueConfig): QueueSettings {
  return {
    factsCacheMs: 2000,
    defaultRecallsBeforeNoShow: config.recallsBeforeNoShow,
    bookingSlotMinutes: config.slotMinutes,
    bookingShare: config.bookingShare,
    bookingLimitPerHolder: config.bookingLimit,
    bookingEarlyMinutes: config.bookingEarlyMinutes,
    bookingNoShowGraceMinutes: config.noShowGraceMinutes,
    holderKey: config.holderKey,
  };
}

export interface BuildOptions {
  /** Tests: a manual clock for the handlers and the timers. */
  readonly clock?: Clock;
  /** Tests: where notices go (default: QUEUE_NOTIFY_URL, else the log). */
  readonly notifier?: Notifier;
  /** Tests: the application, once built. */
  readonly onApp?: (app: QueueApp) => void;
  readonly timerPollMs?: number;
}

/**
 * The queue service: tickets in queues (antrian) per local day, counters (loket), bookings and
 * applications; its rules from a local replica of the catalog; notices to citizens who leave a
 * phone number.
 */
export function build(config: QueueConfig, options: BuildOptions = {}): ServiceShell {
  const log = createLogger({ service: 'queue', level: config.logLevel });
  const notifier = options.notifier ?? (config.notifyUrl ? createHttpNotifier({ url: config.notifyUrl, ...(config.notifyToken ? { token: config.notifyToken } : {}), log }) : createLogNotifier(log));
  const notify: ProjectionSpec = {
    definition: notifications({
      schema: 'queue',
      notifier,
      fewAhead: config.notifyFewAhead,
      log: log.child({ component: 'notifications' }),
      counterName: async (tx, counterId) => (await tx.query<{ name: string }>(`select name from "queue".catalog_counters where id = $1`, [counterId])).rows[0]?.name || counterId,
    }),
    sources: ['queue'],
  };
  return createServiceShell({
    name: 'queue',
    config,
    log,
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.timerPollMs ? { timerPollMs: options.timerPollMs } : {}),
    projections: [...projections, notify],
    api: {
      service: QueueService,
      create({ db, eventStore, clock, timers }) {
        const app = createQueueApp({ store: eventStore, db, clock, timers, settings: settingsOf(config) });
        options.onApp?.(app);
        return queueApi(app);
      },
    },
    background({ db }) {
      const stopObserving = observeTicketsWaiting(db);
      return { stop: async () => stopObserving() };
    },
  });
}
