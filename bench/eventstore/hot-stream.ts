import { randomBytes, randomUUID } from 'node:crypto';
import { createCommandHandler, type EventStore } from '@mpp/eventstore';
import { counter, metadata, types } from './fixtures.js';
import type { Op } from './measure.js';

/**
 * The same command handler two ways: every writer on one stream (the handler queues them, one
 * append at a time) versus each writer on its own stream (appends run side by side).
 */
export function hotStreamSides(store: EventStore): { hot: Op; spread: Op } {
  const handle = createCommandHandler({ store, types, decider: counter });
  const run = randomBytes(3).toString('hex');
  const ctx = () => ({ commandId: randomUUID(), metadata });
  return {
    hot: async (w) => (await handle(`hot-${run}`, { add: `w${w}` }, ctx())).appended,
    spread: async (w) => (await handle(`spread-${run}-w${w}`, { add: `w${w}` }, ctx())).appended,
  };
}
