import { createKafkaClient, type IncomingMessage, type KafkaClient } from '@mpp/kafka';
import { waitFor } from '@mpp/testing';

/** Reads a whole topic from the beginning into memory until stopped. */
export async function collect(kafka: KafkaClient, topic: string) {
  const messages: IncomingMessage[] = [];
  const consumer = await kafka.consumer({ groupId: `${topic}.reader.${Date.now()}`, topics: [topic], fromBeginning: true });
  await consumer.run(async (m) => {
    messages.push(m);
  });
  return {
    messages,
    /** Waits until every id arrived at least once. */
    async until(ids: readonly string[], timeoutMs = 60_000) {
      await waitFor(
        () => {
          const got = new Set(messages.map((m) => m.headers.ce_id));
          return ids.every((id) => got.has(id));
        },
        { timeoutMs, what: `${ids.length} events on ${topic} (have ${messages.length})` },
      );
    },
    close: () => consumer.close(),
  };
}

export function kafkaFor(brokers: string[]): KafkaClient {
  return createKafkaClient({ brokers, clientId: 'relay-test' });
}

/** Per stream, the versions in the order they arrived, duplicates removed. */
export function arrivalOrder(messages: readonly IncomingMessage[]): Map<string, number[]> {
  const out = new Map<string, number[]>();
  const seen = new Set<string>();
  for (const m of messages) {
    const id = m.headers.ce_id!;
    if (seen.has(id)) continue;
    seen.add(id);
    out.set(m.key!, [...(out.get(m.key!) ?? []), Number(m.headers.ce_streamversion)]);
  }
  return out;
}
