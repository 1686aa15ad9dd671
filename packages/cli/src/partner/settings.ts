import { ConfigError, hostPorts, oneOf, readConfig, str, type Env, type Setting, type Spec } from '@mpp/config';
import type { KafkaClientOptions } from '@mpp/kafka';
import { kafkaTopicPrefix } from '@mpp/runtime';

/** Who owns partner credentials and ACLs: Kafka's admin API (this CLI) or Strimzi's KafkaUser resources. */
export type CredentialsOwner = 'kafka-admin' | 'strimzi';

export type SaslMechanism = 'scram-sha-256' | 'scram-sha-512';

export interface PartnerSettings {
  readonly kafkaBrokers: string[];
  readonly kafkaTopicPrefix: string;
  readonly saslMechanism: SaslMechanism | '';
  readonly saslUsername: string;
  readonly saslPassword: string;
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
  saslMechanism: {
    env: 'KAFKA_SASL_MECHANISM',
    parse: oneOf('scram-sha-256', 'scram-sha-512'),
    default: '',
    doc: 'SASL mechanism of the admin principal (scram-sha-256 or scram-sha-512); unset: no authentication',
  },
  saslUsername: { env: 'KAFKA_SASL_USERNAME', parse: str, default: '', doc: 'the admin principal (with KAFKA_SASL_MECHANISM)' },
  saslPassword: { env: 'KAFKA_SASL_PASSWORD', parse: str, default: '', doc: 'the admin principal\'s password (with KAFKA_SASL_MECHANISM)' },
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
  const { credentials: _owner, ...settings } = readConfig(PARTNER_CONFIG_SPEC, env);
  const problems: string[] = [];
  if (settings.saslMechanism && (!settings.saslUsername || !settings.saslPassword)) {
    problems.push('KAFKA_SASL_MECHANISM is set: set KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD of the admin principal too');
  }
  if (!settings.saslMechanism && (settings.saslUsername || settings.saslPassword)) {
    problems.push('KAFKA_SASL_USERNAME or KAFKA_SASL_PASSWORD is set without KAFKA_SASL_MECHANISM: set it to scram-sha-256 or scram-sha-512');
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return settings;
}

/** The admin connection for the platform's Kafka client. */
export function adminOptions(settings: PartnerSettings): KafkaClientOptions {
  return {
    brokers: settings.kafkaBrokers,
    clientId: 'mpp-partner',
    ...(settings.saslMechanism
      ? { sasl: { mechanism: settings.saslMechanism, username: settings.saslUsername, password: settings.saslPassword } }
      : {}),
  };
}
