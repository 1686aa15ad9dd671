export { createServiceShell, type ApiDeps, type BackgroundWork, type Timers, type ServiceShell, type RunningService, type ShellConfig, type ShellOptions } from './shell.js';
export { openServiceDatabase } from './database.js';
export { databaseUrl, grpcHost, grpcPort, groupOf, kafkaBrokers, kafkaTopicPrefix, logLevel, topicOf } from './config.js';
export {
  kafkaClientOptions,
  kafkaSecurity,
  kafkaSecurityProblems,
  kafkaSaslMechanism,
  kafkaSaslPassword,
  kafkaSaslUsername,
  kafkaTls,
  kafkaTlsCaFile,
  readServiceConfig,
  type KafkaSecurity,
  type KafkaSettings,
} from './kafka-settings.js';
export { nextSignal, runUntilSignal, type RunOptions } from './run.js';
export { serviceMain, EXIT_CONFIG, type ServiceMain } from './main.js';
export { consumerFactory, startProjections, type ConsumerFactory, type ProjectionSpec, type RunningProjections } from './projections.js';
export { AGENCY_CODE, PARTNER_RETENTION_MS, partnerGroupPrefixOf, partnerPrincipalOf, partnerTopicOf, partnerTopicSpec } from './partners.js';
