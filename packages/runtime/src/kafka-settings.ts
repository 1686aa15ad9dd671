import { readFileSync } from 'node:fs';
import { bool, ConfigError, oneOf, readConfig, str, type Env, type Setting, type Spec } from '@mpp/config';
import type { KafkaClientOptions, SaslMechanism } from '@mpp/kafka';

/**
 * How every Kafka client of the platform signs in and encrypts: each service's relay and
 * consumers, the reporting service's partner router, and `mpp rebuild`, `mpp dlq` and
 * `mpp partner`. On Kubernetes that is Strimzi's internal listener: TLS with the cluster CA, and
 * SCRAM-SHA-512 as the service's own KafkaUser. Unset: PLAINTEXT without a login.
 */
export interface KafkaSecurity {
  readonly kafkaSaslMechanism: SaslMechanism | '';
  readonly kafkaSaslUsername: string;
  readonly kafkaSaslPassword: string;
  readonly kafkaTls: boolean;
  /** Path of a PEM file; empty: the system's certificate authorities. */
  readonly kafkaTlsCaFile: string;
}

const STRIMZI_CA = 'on Strimzi: ca.crt of the secret <cluster>-cluster-ca-cert';

/** A readable file holding at least one PEM certificate. */
function pemCertificateFile(path: string): string {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(`cannot read it (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}): mount the CA certificate there (${STRIMZI_CA})`, { cause: error });
  }
  if (!text.includes('-----BEGIN CERTIFICATE-----')) {
    throw new Error('it holds no "-----BEGIN CERTIFICATE-----" block: give the CA\'s certificate in PEM, not a key, a keystore or a PKCS#12 file');
  }
  return path;
}

export const kafkaSaslMechanism: Setting<SaslMechanism | ''> = {
  env: 'KAFKA_SASL_MECHANISM',
  parse: oneOf('scram-sha-256', 'scram-sha-512'),
  default: '',
  doc: 'SASL mechanism of the platform\'s Kafka login (scram-sha-256 or scram-sha-512; Strimzi: scram-sha-512); unset: no authentication',
};

export const kafkaSaslUsername: Setting<string> = {
  env: 'KAFKA_SASL_USERNAME',
  parse: str,
  default: '',
  doc: 'the Kafka user the platform signs in as (with KAFKA_SASL_MECHANISM; on Strimzi the KafkaUser\'s name)',
};

export const kafkaSaslPassword: Setting<string> = {
  env: 'KAFKA_SASL_PASSWORD',
  parse: str,
  default: '',
  doc: 'that user\'s password (with KAFKA_SASL_MECHANISM; on Strimzi the password key of the KafkaUser\'s secret)',
};

export const kafkaTls: Setting<boolean> = {
  env: 'KAFKA_TLS',
  parse: bool,
  default: false,
  doc: 'true: connect to the brokers over TLS (SSL, or SASL_SSL with KAFKA_SASL_MECHANISM), checking their certificates',
};

export const kafkaTlsCaFile: Setting<string> = {
  env: 'KAFKA_TLS_CA_FILE',
  parse: pemCertificateFile,
  default: '',
  doc: `PEM file of the certificate authority whose brokers' certificates to trust (${STRIMZI_CA}); unset: the system's CAs`,
};

/** The five settings, to spread into a configuration spec. */
export const kafkaSecurity: Spec<KafkaSecurity> = { kafkaSaslMechanism, kafkaSaslUsername, kafkaSaslPassword, kafkaTls, kafkaTlsCaFile };

const isSet = (env: Env, name: string): boolean => (env[name]?.trim() ?? '') !== '';

/** What is wrong across the KAFKA_SASL_* and KAFKA_TLS* variables together (each may be valid alone). */
export function kafkaSecurityProblems(env: Env): string[] {
  const problems: string[] = [];
  const login = ['KAFKA_SASL_USERNAME', 'KAFKA_SASL_PASSWORD'];
  if (isSet(env, 'KAFKA_SASL_MECHANISM')) {
    for (const name of login.filter((n) => !isSet(env, n))) {
      problems.push(`${name} is required when KAFKA_SASL_MECHANISM is set: set KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD (the Kafka user and its password), or unset KAFKA_SASL_MECHANISM`);
    }
  } else if (login.some((n) => isSet(env, n))) {
    problems.push('KAFKA_SASL_USERNAME or KAFKA_SASL_PASSWORD is set without KAFKA_SASL_MECHANISM: set it to scram-sha-256 or scram-sha-512 (Strimzi: scram-sha-512)');
  }
  if (isSet(env, 'KAFKA_TLS_CA_FILE') && ['', 'false'].includes(env.KAFKA_TLS?.trim() ?? '')) {
    problems.push('KAFKA_TLS_CA_FILE is set but KAFKA_TLS is not true: set KAFKA_TLS=true to connect over TLS (the CA is used only then)');
  }
  return problems;
}

const hasKafkaSecurity = <T>(spec: Spec<T>): boolean =>
  Object.values<Setting<unknown>>(spec as Record<string, Setting<unknown>>).some((s) => s.env === kafkaSaslMechanism.env);

/**
 * `readConfig`, plus the checks across the Kafka security settings when the spec has them; every
 * problem is named together (ConfigError).
 */
export function readServiceConfig<T>(spec: Spec<T>, env: Env = process.env): Readonly<T> {
  const across = hasKafkaSecurity(spec) ? kafkaSecurityProblems(env) : [];
  let config: Readonly<T>;
  try {
    config = readConfig(spec, env);
  } catch (error) {
    if (error instanceof ConfigError) throw new ConfigError([...error.problems, ...across]);
    throw error;
  }
  if (across.length > 0) throw new ConfigError(across);
  return config;
}

/** Brokers and security as a configuration holds them (the security settings may be absent: PLAINTEXT). */
export type KafkaSettings = { readonly kafkaBrokers?: readonly string[] } & Partial<KafkaSecurity>;

/**
 * The options of a platform Kafka client as `clientId`; undefined without brokers (single-node
 * mode). Reads the CA file (checked when the settings were read).
 */
export function kafkaClientOptions(settings: KafkaSettings, clientId: string): KafkaClientOptions | undefined {
  const brokers = settings.kafkaBrokers ?? [];
  if (brokers.length === 0) return undefined;
  const { kafkaSaslMechanism: mechanism, kafkaSaslUsername: username = '', kafkaSaslPassword: password = '' } = settings;
  const ca = settings.kafkaTlsCaFile ? [readFileSync(settings.kafkaTlsCaFile, 'utf8')] : undefined;
  return {
    brokers,
    clientId,
    ...(mechanism ? { sasl: { mechanism, username, password } } : {}),
    ...(settings.kafkaTls ? { ssl: ca ? { ca } : true } : {}),
  };
}
