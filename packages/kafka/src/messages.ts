import type { IHeaders, KafkaMessage } from 'kafkajs';
import type { IncomingMessage } from './types.js';

function headersOf(headers: IHeaders | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  // for-in, not Object.entries: this runs for every header of every message.
  for (const name in headers) {
    const value = headers[name];
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined) out[name] = first.toString();
  }
  return out;
}

/** A kafkajs message as the platform's consumers see it: string key and headers, binary value. */
export function incoming(topic: string, partition: number, message: KafkaMessage): IncomingMessage {
  return {
    topic,
    partition,
    offset: message.offset,
    timestamp: new Date(Number(message.timestamp)),
    key: message.key === null ? null : message.key.toString(),
    // A view of the fetched bytes, not a copy (a Buffer is a Uint8Array).
    value: message.value === null ? null : new Uint8Array(message.value.buffer, message.value.byteOffset, message.value.byteLength),
    headers: headersOf(message.headers),
  };
}
