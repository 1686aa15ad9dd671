import { ReportingService } from '@mpp/contracts';
import type { Clock } from '@mpp/eventstore';
import { createKafkaClient } from '@mpp/kafka';
import { createServiceShell, kafkaClientOptions, type ServiceShell } from '@mpp/runtime';
import { reportingApi } from './api/reporting-api.js';
import { partnerRouter } from './partners/router.js';
import { projections } from './projections/index.js';
import { webhookApi } from './webhooks/api.js';
import { migrateWebhooks } from './webhooks/schema.js';
import { createWebhookWorker } from './webhooks/worker.js';
import type { ReportingConfig } from './config.js';

export interface BuildOptions {
  /** Tests: a manual clock. */
  readonly clock?: Clock;
}

const SCHEMA = 'reporting';

/**
 * The reporting service, ready to start: the read models, and the partner router with its
 * webhook sender. The router lives here, not in a service of its own, because it is one more
 * consumer of the same three topics with the same machinery (checkpoints, dead letters, log
 * transport in single-node mode), its webhook queue needs a database this service already owns,
 * and a city runs one process fewer; its own consumer group and checkpoint keep a slow partner
 * from delaying the boards (docs/partners.md).
 */
export function build(config: ReportingConfig, options: BuildOptions = {}): ServiceShell {
  // Same brokers and login as the service's relay and consumers (KAFKA_SASL_*, KAFKA_TLS*).
  const connection = kafkaClientOptions(config, 'mpp-reporting-partners');
  const kafka = connection && createKafkaClient(connection);
  const router = partnerRouter({ schema: SCHEMA, grants: config.partnerGrants, topicPrefix: config.kafkaTopicPrefix, ...(kafka ? { kafka } : {}) });
  return createServiceShell({
    name: 'reporting',
    config,
    ...(options.clock ? { clock: options.clock } : {}),
    api: {
      service: ReportingService,
      async create({ db, clock }) {
        await migrateWebhooks(db, SCHEMA);
        return {
          ...reportingApi({ db, schema: SCHEMA, clock, boardPollMs: config.boardPollMs }),
          ...webhookApi({ db, schema: SCHEMA, grants: config.partnerGrants, allowPrivateTargets: config.webhookAllowPrivate }),
        };
      },
    },
    projections: [...projections, { definition: router, sources: ['catalog', 'queue', 'survey'] }],
    background({ db, log }) {
      const worker = createWebhookWorker({
        db,
        schema: SCHEMA,
        pollMs: config.webhookPollMs,
        log: log.child({ component: 'webhooks' }),
        policy: {
          maxAttempts: config.webhookMaxAttempts,
          backoffMs: config.webhookBackoffMs,
          maxBackoffMs: config.webhookMaxBackoffMs,
          disableAfter: config.webhookDisableAfter,
          timeoutMs: config.webhookTimeoutMs,
          allowPrivateTargets: config.webhookAllowPrivate,
        },
      });
      worker.start();
      return {
        async stop() {
          await worker.stop();
          await router.close();
        },
      };
    },
  });
}
