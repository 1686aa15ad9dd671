import { logLevel, type KafkaConfig, type SASLOptions } from 'kafkajs';
import type { KafkaClientOptions } from './types.js';

/**
 * How the platform reaches Kafka, in kafkajs's terms. kafkajs's types stay inside this package:
 * callers describe a connection with {@link KafkaClientOptions}.
 */
export function kafkajsConfig(options: KafkaClientOptions): KafkaConfig {
  const { sasl, ssl } = options;
  return {
    clientId: options.clientId,
    brokers: [...options.brokers],
    logLevel: logLevel.NOTHING,
    ...(sasl ? { sasl: { mechanism: sasl.mechanism, username: sasl.username, password: sasl.password } as SASLOptions } : {}),
    ...(ssl ? { ssl: ssl === true ? true : { ca: [...ssl.ca] } } : {}),
  };
}

/** A Kafka call that failed for a reason the connection settings (KAFKA_SASL_*, KAFKA_TLS*) or the ACLs can fix. */
export class KafkaAccessError extends Error {
  constructor(message: string, cause: unknown) {
    super(message, { cause });
    this.name = 'KafkaAccessError';
  }
}

interface KafkajsLikeError {
  readonly name: string;
  readonly message: string;
  readonly code?: string;
  readonly type?: string;
  readonly broker?: string;
  readonly cause?: unknown;
  readonly originalError?: unknown;
  /** KafkaJSAggregateError: one per topic or resource. */
  readonly errors?: readonly unknown[];
}

/** kafkajs wraps the error that says why (retries exceeded, non-retriable): the innermost one. */
function rootOf(error: unknown): KafkajsLikeError | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 10; depth++) {
    if (!(current instanceof Error)) return undefined;
    const e = current as KafkajsLikeError;
    const inner = e.originalError ?? e.cause;
    if (!(inner instanceof Error) || inner === current) return e;
    current = inner;
  }
  return current as KafkajsLikeError;
}

const TLS_FAILURE = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ALTNAME|ERR_TLS|ERR_SSL|EPROTO|secure TLS connection/;
const STRIMZI_CA = 'on Strimzi: ca.crt of the secret <cluster>-cluster-ca-cert';

/**
 * Says what to check when a Kafka call failed because of the login, TLS or ACLs; any other error
 * comes back as it is. The original message stays in the new one (and the error as its cause).
 */
export function explainKafkaError(error: unknown, options: KafkaClientOptions): unknown {
  const root = rootOf(error);
  if (!root) return error;
  const at = root.broker ?? options.brokers.join(',');
  if (root.name === 'KafkaJSSASLAuthenticationError') {
    const who = options.sasl ? `user "${options.sasl.username}" (${options.sasl.mechanism.toUpperCase()})` : 'client';
    return new KafkaAccessError(
      `Kafka at ${at} refused the SASL login of ${who}: ${root.message}. ` +
        'Check KAFKA_SASL_MECHANISM, KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD (on Strimzi: the KafkaUser\'s name, the password in its secret, scram-sha-512)',
      error,
    );
  }
  if (TLS_FAILURE.test(`${root.code ?? ''} ${root.message}`)) {
    return new KafkaAccessError(`TLS to Kafka at ${at} failed: ${root.message}. ${tlsHint(root.message, options)}`, error);
  }
  const refused = [root, ...(root.errors ?? [])].find(isAuthorizationFailure);
  if (refused) {
    const principal = options.sasl ? `User:${options.sasl.username}` : 'this client\'s principal';
    return new KafkaAccessError(`Kafka refused the request (${refused.type}: ${refused.message}): ${principal} lacks an ACL for it (on Strimzi: the KafkaUser's acls)`, error);
  }
  if (root.name === 'KafkaJSConnectionClosedError' || /closed connection|connection (closed|timeout)/i.test(root.message)) {
    return new KafkaAccessError(`Kafka at ${at} closed the connection or did not answer (${root.message}); ${closedHint(options)}`, error);
  }
  return error;
}

function tlsHint(message: string, options: KafkaClientOptions): string {
  if (!options.ssl) return 'The listener may not use TLS: check KAFKA_TLS';
  // The other end never answered the handshake: not a TLS listener.
  if (message.includes('before secure TLS connection')) return 'Check that KAFKA_BROKERS names the TLS listener (KAFKA_TLS=true)';
  if (options.ssl !== true) return 'The broker\'s certificate must be signed by the CA in KAFKA_TLS_CA_FILE and name the address in KAFKA_BROKERS';
  return `Set KAFKA_TLS_CA_FILE to the PEM certificate of the CA that signed the brokers' certificates (${STRIMZI_CA})`;
}

/** TOPIC_, GROUP_, CLUSTER_ or TRANSACTIONAL_ID_AUTHORIZATION_FAILED: an ACL is missing. */
function isAuthorizationFailure(error: unknown): error is KafkajsLikeError & { readonly type: string } {
  const type = (error as KafkajsLikeError | undefined)?.type;
  return typeof type === 'string' && type.endsWith('AUTHORIZATION_FAILED');
}

/** A listener closes on a client that speaks the wrong protocol to it: say which settings choose it. */
function closedHint(options: KafkaClientOptions): string {
  if (options.ssl && options.sasl) return 'check that KAFKA_BROKERS names the SASL_SSL listener';
  const missing = [...(options.ssl ? [] : ['if that listener uses TLS, set KAFKA_TLS=true']), ...(options.sasl ? [] : ['if it needs a login, set KAFKA_SASL_MECHANISM, KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD'])];
  return missing.join('; ');
}

/** Runs a Kafka call; a failure the settings can fix says what to check. */
export async function explained<T>(options: KafkaClientOptions, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw explainKafkaError(error, options);
  }
}
