import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '@mpp/errors';
import { ConcurrencyError, createCommandHandler, draft, DuplicateEventError, type Decider, type EventStore } from '../src/index.js';
import { Counted, useStore, metadata, types } from './fixtures.js';

// A counter aggregate: `add` appends one Counted event with the next number; `limit` refuses.
type State = { count: number };
type Command = { add: string; limit?: number };
const counter: Decider<State, Command> = {
  initialState: () => ({ count: 0 }),
  evolve: (state) => ({ count: state.count + 1 }),
  decide(command, state) {
    if (command.limit !== undefined && state.count >= command.limit) throw new AppError('illegal_state', 'limit reached');
    return [draft(Counted, { writer: command.add, n: state.count + 1 } as never)];
  },
};

const env = useStore('queue');
let store: EventStore;
beforeAll(() => ({ store } = env));

/** The store, counting the appends that reach the database. */
function counting(base: EventStore) {
  const counter = { appends: 0, conflicts: 0 };
  const store: EventStore = {
    ...base,
    async append(...args) {
      counter.appends++;
      try {
        return await base.append(...args);
      } catch (error) {
        if (error instanceof ConcurrencyError) counter.conflicts++;
        throw error;
      }
    },
  };
  return { store, counter };
}

const ctx = () => ({ commandId: randomUUID(), metadata });

describe('command handler', () => {
  it('serialises a hot stream in the process: 50 concurrent commands, at most 50 appends, no retries', async () => {
    const { store: s, counter: c } = counting(store);
    const handle = createCommandHandler({ store: s, types, decider: counter });
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => handle('hot-1', { add: `w${i}` }, ctx())));
    expect(c.conflicts).toBe(0);
    expect(c.appends).toBeLessThanOrEqual(50);
    // Each command got its own version, and its result's state includes it.
    expect(results.map((r) => r.version).sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    for (const r of results) expect(r.state.count).toBe(r.version);
    const events = await store.readStream('hot-1');
    expect(events.map((e) => (types.decode(e).message as unknown as { n: number }).n)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
  });

  it('groups queued commands into one append; a refused command fails alone', async () => {
    const { store: s, counter: c } = counting(store);
    const handle = createCommandHandler({ store: s, types, decider: counter });
    const outcomes = await Promise.allSettled([
      handle('grouped-1', { add: 'a' }, ctx()), // commits alone, while the rest queue
      handle('grouped-1', { add: 'b' }, ctx()),
      handle('grouped-1', { add: 'c', limit: 2 }, ctx()), // the stream is at 2 by then: refused
      handle('grouped-1', { add: 'd' }, ctx()),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    expect((outcomes[2] as PromiseRejectedResult).reason).toMatchObject({ code: 'illegal_state' });
    expect(c.appends).toBe(2);
    expect((await store.readStream('grouped-1')).map((e) => (types.decode(e).message as unknown as { writer: string }).writer)).toEqual(['a', 'b', 'd']);
  });

  it('re-reads and re-decides when another replica appended first', async () => {
    const replicaA = createCommandHandler({ store, types, decider: counter });
    const { store: s, counter: c } = counting(store);
    const replicaB = createCommandHandler({ store: s, types, decider: counter });
    await replicaB('shared-1', { add: 'b' }, ctx()); // B caches version 1
    await replicaA('shared-1', { add: 'a' }, ctx()); // A moves the stream to 2 behind B's back
    const result = await replicaB('shared-1', { add: 'b' }, ctx());
    expect(result.version).toBe(3);
    expect(c.conflicts).toBe(1);
    expect(c.appends).toBe(3);
  });

  it('gives up after the bounded number of attempts with the ConcurrencyError', async () => {
    const replicaA = createCommandHandler({ store, types, decider: counter });
    const replicaB = createCommandHandler({ store, types, decider: counter, maxAttempts: 1 });
    await replicaB('shared-2', { add: 'b' }, ctx());
    await replicaA('shared-2', { add: 'a' }, ctx());
    await expect(replicaB('shared-2', { add: 'b' }, ctx())).rejects.toBeInstanceOf(ConcurrencyError);
  });

  it('passes on what the decider refuses, and recognises a retried command by its id', async () => {
    const handle = createCommandHandler({ store, types, decider: counter });
    await handle('limited-1', { add: 'a', limit: 1 }, ctx());
    await expect(handle('limited-1', { add: 'a', limit: 1 }, ctx())).rejects.toMatchObject({ code: 'illegal_state' });

    const command = ctx();
    await expect(handle('retried-1', { add: 'a' }, command)).resolves.toMatchObject({ version: 1 });
    // The same command again (a client retry), even on another replica: its events' ids repeat.
    const otherReplica = createCommandHandler({ store, types, decider: counter });
    await expect(otherReplica('retried-1', { add: 'a' }, command)).rejects.toBeInstanceOf(DuplicateEventError);
    expect(await store.readStream('retried-1')).toHaveLength(1);
  });

  it('appends what a command writes alongside in the same transaction, or nothing at all', async () => {
    const handle = createCommandHandler({ store, types, decider: counter });
    const mirror = (expectedVersion: number) => ({
      alongside: (state: State) => [{ streamId: 'mirror-1', expectedVersion, events: [draft(Counted, { writer: 'mirror', n: state.count } as never)] }],
    });
    const first = await handle('main-1', { add: 'a' }, ctx(), mirror(0));
    expect(first.version).toBe(1);
    expect((await store.readStream('mirror-1')).map((e) => (types.decode(e).message as unknown as { n: number }).n)).toEqual([1]);
    // A stale expectation on the other stream fails the whole command: the main stream is unchanged.
    await expect(handle('main-1', { add: 'b' }, ctx(), mirror(0))).rejects.toBeInstanceOf(ConcurrencyError);
    expect(await store.readStream('main-1')).toHaveLength(1);
    // Refusing in `alongside` refuses the command alone; queued commands still go through.
    const refused = handle('main-1', { add: 'c' }, ctx(), {
      alongside: () => {
        throw new AppError('illegal_state', 'the counter is busy');
      },
    });
    const others = Promise.all([handle('main-1', { add: 'd' }, ctx()), handle('main-1', { add: 'e' }, ctx(), mirror(1))]);
    await expect(refused).rejects.toMatchObject({ code: 'illegal_state' });
    expect((await others).map((r) => r.version)).toEqual([2, 3]);
    expect(await store.readStream('mirror-1')).toHaveLength(2);
  });

  it('records the metadata decided from the events, and another for what it writes alongside', async () => {
    const handle = createCommandHandler({ store, types, decider: counter });
    await handle('meta-1', { add: 'a' }, ctx(), {
      metadataFor: (state, event, m) => ({ ...m, serviceId: `svc-${state.count}-${(event.data as { writer: string }).writer}` }),
      alongside: (state) => [
        { streamId: 'meta-mirror-1', expectedVersion: 0, events: [draft(Counted, { writer: 'mirror', n: state.count } as never)], metadata: { ...metadata, agencyCode: 'bpjs-kesehatan' } },
        { streamId: 'meta-mirror-2', expectedVersion: 0, events: [draft(Counted, { writer: 'mirror', n: state.count } as never)] },
      ],
    });
    expect((await store.readStream('meta-1'))[0]!.metadata).toMatchObject({ mallId: metadata.mallId, serviceId: 'svc-1-a' });
    expect((await store.readStream('meta-mirror-1'))[0]!.metadata).toMatchObject({ agencyCode: 'bpjs-kesehatan', serviceId: metadata.serviceId });
    expect((await store.readStream('meta-mirror-2'))[0]!.metadata).toMatchObject({ serviceId: 'svc-1-a' });
  });

  it("reads a stream's current state, catching up with what another replica appended", async () => {
    const mine = createCommandHandler({ store, types, decider: counter });
    const other = createCommandHandler({ store, types, decider: counter });
    await mine('read-1', { add: 'a' }, ctx());
    expect(await mine.read('read-1')).toMatchObject({ version: 1, state: { count: 1 } });
    await other('read-1', { add: 'b' }, ctx());
    expect(await mine.read('read-1')).toMatchObject({ version: 2, state: { count: 2 } });
    // The cache caught up: the next command appends without a conflict.
    await expect(mine('read-1', { add: 'c' }, ctx())).resolves.toMatchObject({ version: 3 });
    expect(await mine.read('never-written')).toMatchObject({ version: 0, state: { count: 0 } });
  });
});
