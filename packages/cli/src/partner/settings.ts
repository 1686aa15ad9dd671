import { hostPorts, oneOf, readConfig, str, type Env, type Setting, type Spec } from '@mpp/config';
import type { KafkaClientOptions } from '@mpp/kafka';
import { kafkaClientOptions, kafkaSecurity, kafkaTopicPrefix, readServiceConfig, type KafkaSecurity } from '@mpp/runtime';

/** Who owns partner credentials and ACLs: Kafka's admin API (this CLI) or Strimzi's KafkaUser resources. */
export type CredentialsOwner = 'kafka-admin' | 'strimzi';

/** The admin's connection is the platform's: KAFKA_BROKERS with the shared KAFKA_SASL_* and KAFKA_TLS* settings. */
export interface PartnerSettings extends KafkaSecurity {
  readonly kafkaBrokers: string[];
  readonly kafkaTopicPrefix: string;
  readonly partnerBootstrap: string[];
  readonly kafkaLibs: string;
}

const credentials: Setting<CredentialsOwner | ''> = {
  env: 'MPP_PARTNER_CREDENTIALS',
  parse: oneOf('kafka-admin', 'strimzi'),
  default: '',
  doc: 'who owns partner SCRAM users and ACLs: kafka-admin (mpp partner add|rotate|remove) or strimzi (KafkaUser resources); unset: strimzi on Kubernetes, else kafka-admin',
};

/** Every variable `mpp partner` reads (the README's configuration table lists them). */
export const PARTNER_CONFIG_SPEC: Spec<PartnerSettings & { credentials: CredentialsOwner | '' }> = {
  kafkaBrokers: { env: 'KAFKA_BROKERS', parse: hostPorts, doc: 'Kafka bootstrap servers (host:port,…) the admin connects to' },
  kafkaTopicPrefix,
  ...kafkaSecurity,
  partnerBootstrap: { env: 'PARTNER_BOOTSTRAP', parse: hostPorts, default: [], doc: 'bootstrap servers partners reach (host:port,…), printed for them; unset: KAFKA_BROKERS' },
  kafkaLibs: { env: 'KAFKA_LIBS', parse: str, default: '', doc: 'folder of Kafka jars (e.g. /opt/kafka/libs) whose ConfigCommand sets SCRAM credentials' },
  credentials,
};

/**
 * Strimzi's User Operator owns KafkaUser resources (credentials and ACLs) on Kubernetes; changing
 * them behind its back would be undone or fight it.
 */
export function credentialsOwner(env: Env): CredentialsOwner {
  const { owner } = readConfig({ owner: credentials }, env);
  if (owner) return owner;
  return env.KUBERNETES_SERVICE_HOST ? 'strimzi' : 'kafka-admin';
}

/** Reads and checks the settings, naming every problem; throws ConfigError. */
export function readPartnerSettings(env: Env): PartnerSettings {
  const { credentials: _owner, ...settings } = readServiceConfig(PARTNER_CONFIG_SPEC, env);
  return settings;
}

/** The admin connection for the platform's Kafka client (and for Kafka's ConfigCommand). */
export function adminOptions(settings: PartnerSettings): KafkaClientOptions {
  return kafkaClientOptions(settings, 'mpp-partner')!;
}
