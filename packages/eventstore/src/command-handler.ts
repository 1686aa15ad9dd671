import { createHash } from 'node:crypto';
import type { DescMessage, MessageInitShape } from '@bufbuild/protobuf';
import type { EventMetadata } from '@mpp/contracts';
import { isConcurrencyError } from './errors.js';
import type { DecodedEvent, EventTypes, EventType } from './event-types.js';
import type { EventStore } from './store.js';

/** An event a decision produces: a registered type and its data. */
export interface EventDraft<D extends DescMessage = DescMessage> {
  readonly type: EventType<D>;
  readonly data: MessageInitShape<D>;
}

export function draft<D extends DescMessage>(type: EventType<D>, data: MessageInitShape<D>): EventDraft {
  return { type, data } as EventDraft;
}

/** Pure domain logic of one aggregate (Emmett/Marten style): no I/O, no clock, no random ids. */
export interface Decider<S, C> {
  initialState(): S;
  evolve(state: S, event: DecodedEvent): S;
  /** Throws AppError for a command the state forbids. */
  decide(command: C, state: S): readonly EventDraft[];
}

export interface CommandContext {
  /** Unique per command (UUID): event ids derive from it, so a retried command is recognised. */
  readonly commandId: string;
  readonly metadata: EventMetadata;
}

export interface Handled<S> {
  readonly version: number;
  readonly state: S;
  readonly appended: number;
}

export interface CommandHandlerOptions<S, C> {
  readonly store: EventStore;
  readonly types: EventTypes;
  readonly decider: Decider<S, C>;
  /** Attempts when another replica appended first (re-read, re-decide). Default 3. */
  readonly maxAttempts?: number;
  /** Streams whose state stays cached. Default 10,000. */
  readonly cacheLimit?: number;
}

/**
 * load → decide → append, as the only writer of the stream in this process, with the stream's
 * state cached between commands: a hot stream costs one append per command. A concurrency error
 * (another replica) drops the cache and retries a bounded number of times.
 */
export function createCommandHandler<S, C>(options: CommandHandlerOptions<S, C>) {
  const { store, types, decider, maxAttempts = 3, cacheLimit = 10_000 } = options;
  const cache = new Map<string, { version: number; state: S }>();
  const remember = (streamId: string, entry: { version: number; state: S }) => {
    cache.delete(streamId);
    cache.set(streamId, entry);
    if (cache.size > cacheLimit) cache.delete(cache.keys().next().value as string);
  };
  const load = async (streamId: string) => {
    let state = decider.initialState();
    let version = 0;
    for (const event of await store.readStream(streamId)) {
      state = decider.evolve(state, types.decode(event));
      version = event.version;
    }
    return { version, state };
  };

  return function handle(streamId: string, command: C, ctx: CommandContext): Promise<Handled<S>> {
    return store.exclusive(streamId, async () => {
      for (let attempt = 1; ; attempt++) {
        const current = cache.get(streamId) ?? (await load(streamId));
        const drafts = decider.decide(command, current.state);
        if (drafts.length === 0) return { ...current, appended: 0 };
        const events = drafts.map((d, i) => ({ id: derivedEventId(ctx.commandId, i), ...types.encode(d.type, d.data), metadata: ctx.metadata }));
        try {
          const { version } = await store.append(streamId, current.version, events);
          const state = events.reduce((s, e) => decider.evolve(s, types.decode(e)), current.state);
          remember(streamId, { version, state });
          return { version, state, appended: events.length };
        } catch (error) {
          cache.delete(streamId);
          if (isConcurrencyError(error) && attempt < maxAttempts) continue;
          throw error;
        }
      }
    });
  };
}

/** A name-based UUID (v5 layout, SHA-1) of the command id and the event's index. */
export function derivedEventId(commandId: string, index: number): string {
  const h = createHash('sha1').update(`${commandId}:${index}`).digest();
  h[6] = (h[6]! & 0x0f) | 0x50;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const hex = h.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
