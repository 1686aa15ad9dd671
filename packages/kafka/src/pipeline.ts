import type { Consumer as KafkaJsConsumer, EachBatchPayload } from 'kafkajs';
import { incoming } from './messages.js';
import type { BatchHandler } from './types.js';

/** Batches of one partition in hand or waiting; the fetch waits while a partition has more. */
const DEPTH = 2;
const MAX_BACKOFF_MS = 5_000;

export interface Pipeline {
  /** kafkajs's `eachBatch`: queues the batch and returns, so the next fetch starts. */
  push(payload: EachBatchPayload): Promise<void>;
  /** Takes no new batch and waits for those in hand. */
  drain(): Promise<void>;
}

/** One partition's queue. */
interface Lane {
  tail: Promise<void>;
  /** Batches queued and not finished, oldest first. */
  pending: Promise<void>[];
  /** Bumped on a failure: batches queued before it are dropped. */
  epoch: number;
  /** After a failure, the offset the partition is rewound to; later batches are dropped until it comes back. */
  rewindTo: bigint | undefined;
  failures: number;
}

/**
 * Fetching and handling overlap: each partition's batches are handled one after another, in
 * order, while kafkajs fetches the next ones. kafkajs thinks a batch done when `push` returns;
 * the group's committed offset moves only once the handler has resolved (the handler's own
 * record — offsets stored with the read model — stays the truth). When the handler fails, the
 * batches behind it are dropped, the partition pauses, and after a backoff it is rewound to the
 * failed batch, so nothing is skipped and a failure is retried the way a refused `eachBatch` is.
 */
export function createPipeline(consumer: KafkaJsConsumer, handler: BatchHandler): Pipeline {
  const lanes = new Map<string, Lane>();
  let draining = false;

  function laneOf(topic: string, partition: number): Lane {
    const key = `${topic}\u0000${partition}`;
    let lane = lanes.get(key);
    if (!lane) lanes.set(key, (lane = { tail: Promise.resolve(), pending: [], epoch: 0, rewindTo: undefined, failures: 0 }));
    return lane;
  }

  async function rewind(lane: Lane, topic: string, partition: number, offset: string) {
    lane.failures++;
    lane.epoch++;
    lane.rewindTo = BigInt(offset);
    if (draining) return;
    try {
      consumer.pause([{ topic, partitions: [partition] }]);
      await new Promise((resolve) => setTimeout(resolve, Math.min(100 * 2 ** (lane.failures - 1), MAX_BACKOFF_MS)));
      consumer.seek({ topic, partition, offset });
      consumer.resume([{ topic, partitions: [partition] }]);
    } catch {
      // Stopped, or the partition is not assigned here any more: its next owner starts from the
      // committed offset, which never passed the failed batch.
    }
  }

  return {
    async push({ batch, heartbeat, isRunning, isStale }) {
      const { topic, partition, messages } = batch;
      if (draining || messages.length === 0) return;
      const lane = laneOf(topic, partition);
      const first = messages[0]!.offset;
      if (lane.rewindTo !== undefined) {
        if (BigInt(first) > lane.rewindTo) return; // fetched before the rewind took effect
        lane.rewindTo = undefined;
      }
      const epoch = lane.epoch;
      const next = (BigInt(messages[messages.length - 1]!.offset) + 1n).toString();
      const work = lane.tail.then(async () => {
        if (lane.epoch !== epoch) return;
        try {
          await handler({
            topic,
            partition,
            messages: messages.map((m) => incoming(topic, partition, m)),
            heartbeat,
            isRunning: () => isRunning() && !isStale() && !draining,
          });
        } catch {
          // The handler reports its own failures; here the partition goes back for another try.
          await rewind(lane, topic, partition, first);
          return;
        }
        lane.failures = 0;
        // Best effort: a commit lost here only means a restart re-reads what the handler skips.
        await consumer.commitOffsets([{ topic, partition, offset: next }]).catch(() => undefined);
      });
      lane.tail = work;
      lane.pending.push(work);
      void work.then(() => lane.pending.splice(lane.pending.indexOf(work), 1));
      // Back-pressure: hold the fetch while this partition has enough queued.
      while (lane.pending.length > DEPTH) await lane.pending[0];
    },
    async drain() {
      draining = true;
      await Promise.all([...lanes.values()].map((lane) => lane.tail));
    },
  };
}
