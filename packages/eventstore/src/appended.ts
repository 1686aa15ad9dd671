import { EventEmitter } from 'node:events';

/**
 * In-process news that a service's log grew: every event store announces its commits under its
 * schema, and log consumers in the same process (all-in-one mode) wake at once instead of
 * waiting for their next poll. Consumers in other processes still poll.
 */
const bus = new EventEmitter();
bus.setMaxListeners(0);

export function announceAppended(schema: string): void {
  bus.emit(schema);
}

/** Calls `listener` after each commit to `schema`'s log in this process; returns the unsubscribe. */
export function onLogAppended(schema: string, listener: () => void): () => void {
  bus.on(schema, listener);
  return () => bus.off(schema, listener);
}
