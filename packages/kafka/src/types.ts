/** A message as the platform sends it: key = stream id, binary value, string headers. */
export interface OutgoingMessage {
  readonly key: string | null;
  readonly value: Uint8Array | null;
  readonly headers?: Readonly<Record<string, string>>;
}

/** A message as a consumer receives it. */
export interface IncomingMessage extends OutgoingMessage {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly timestamp: Date;
  readonly headers: Readonly<Record<string, string>>;
}

export interface Producer {
  /** Resolves when the broker has the messages (acks from all in-sync replicas). */
  send(topic: string, messages: readonly OutgoingMessage[]): Promise<void>;
  close(): Promise<void>;
}

export interface ConsumerOptions {
  readonly groupId: string;
  readonly topics: readonly string[];
  /** Start from the beginning of the topic when the group has no committed offset. */
  readonly fromBeginning?: boolean;
}

/** Handles one message; the offset is committed only after it resolves. */
export type MessageHandler = (message: IncomingMessage) => Promise<void>;

/** The messages of one partition that arrived together. */
export interface IncomingBatch {
  readonly topic: string;
  readonly partition: number;
  readonly messages: readonly IncomingMessage[];
  /** Keeps the group membership alive during long work. */
  heartbeat(): Promise<void>;
  /** False once the consumer is stopping: finish the batch in hand, start no new work. */
  isRunning(): boolean;
}

/**
 * Handles one batch; its offsets are committed only after it resolves. If it throws, the
 * partition is rewound to the batch after a backoff and it comes again.
 */
export type BatchHandler = (batch: IncomingBatch) => Promise<void>;

export interface Consumer {
  /** Joins the group and delivers messages one at a time, in partition order, until `close`. */
  run(handler: MessageHandler): Promise<void>;
  /**
   * Joins the group and delivers a partition's messages in batches, in order, until `close`.
   * The next batches are fetched while one is handled (a few per partition at most).
   */
  runBatches(handler: BatchHandler): Promise<void>;
  /** Finishes the message or batches in hand, commits, leaves the group. */
  close(): Promise<void>;
}

export interface TopicSpec {
  readonly topic: string;
  readonly partitions?: number;
  readonly config?: Readonly<Record<string, string>>;
}

export type SaslMechanism = 'scram-sha-256' | 'scram-sha-512';

/** A SASL/SCRAM login (a Strimzi KafkaUser, a partner's user, the admin). */
export interface SaslLogin {
  readonly mechanism: SaslMechanism;
  readonly username: string;
  readonly password: string;
}

/**
 * TLS to the brokers: `true` trusts the system's certificate authorities; `ca` trusts only these
 * PEM certificates (e.g. Strimzi's cluster CA). The broker's certificate must name the address
 * the client connects to.
 */
export type KafkaTls = true | { readonly ca: readonly string[] };

export interface KafkaClientOptions {
  readonly brokers: readonly string[];
  readonly clientId: string;
  /** Absent: no authentication. */
  readonly sasl?: SaslLogin;
  /** Absent: plaintext (PLAINTEXT, or SASL_PLAINTEXT with `sasl`). */
  readonly ssl?: KafkaTls;
}

/** What an ACL is on. */
export type AclResourceType = 'topic' | 'group' | 'cluster' | 'transactional-id';

/** `literal`: the resource of exactly that name; `prefixed`: every resource whose name starts with it. */
export type AclPatternType = 'literal' | 'prefixed';

export type AclOperation =
  | 'all'
  | 'read'
  | 'write'
  | 'create'
  | 'delete'
  | 'alter'
  | 'describe'
  | 'cluster-action'
  | 'describe-configs'
  | 'alter-configs'
  | 'idempotent-write';

export type AclPermission = 'allow' | 'deny';

/** One ACL: `principal` (e.g. `User:partner-polres`) from `host` may (or may not) do `operation` on a resource. */
export interface AclBinding {
  readonly principal: string;
  /** `*` for any host. */
  readonly host: string;
  readonly resourceType: AclResourceType;
  readonly resourceName: string;
  readonly patternType: AclPatternType;
  readonly operation: AclOperation;
  readonly permission: AclPermission;
}

/** Selects ACLs: each field given must be equal; a field left out matches any value. */
export type AclFilter = { readonly [K in keyof AclBinding]?: AclBinding[K] };

/** A consumer group as the broker sees it now. */
export interface GroupDescription {
  /** Kafka's group state: `Empty`, `Stable`, `PreparingRebalance`, `CompletingRebalance`, or `Dead` (no such group). */
  readonly state: string;
  /** How many consumers are members now; offsets can be moved only when there are none. */
  readonly members: number;
}

/** An offset of one partition. */
export interface PartitionOffset {
  readonly partition: number;
  readonly offset: string;
}
