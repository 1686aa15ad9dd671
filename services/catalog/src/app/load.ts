import type { Decider, EventStore, EventTypes } from '@mpp/eventstore';

/** A record's current state, read from its stream (facts for another record's rules). */
export async function loadState<S, C>(store: EventStore, types: EventTypes, decider: Decider<S, C>, streamId: string): Promise<S> {
  let state = decider.initialState();
  // A key with a NUL names no record (and PostgreSQL text cannot hold one).
  if (streamId.includes('\u0000')) return state;
  for (const event of await store.readStream(streamId)) state = decider.evolve(state, types.decode(event));
  return state;
}
