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

export interface KafkaClientOptions {
  readonly brokers: readonly string[];
  readonly clientId: string;
  readonly sasl?: { readonly mechanism: 'scram-sha-256' | 'scram-sha-512'; readonly username: string; readonly password: string };
}
