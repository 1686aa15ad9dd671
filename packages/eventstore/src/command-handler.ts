import { createHash } from 'node:crypto';
import { context, propagation } from '@opentelemetry/api';
import type { DescMessage, MessageInitShape } from '@bufbuild/protobuf';
import type { EventMetadata } from '@mpp/contracts';
import { isConcurrencyError } from './errors.js';
import type { DecodedEvent, EventTypes, EventType } from './event-types.js';
import type { EventStore } from './store.js';
import type { NewEvent } from './types.js';

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
  /** Most commands appended together on one stream. Default 100. */
  readonly maxGroup?: number;
}

interface Queued<C, S> {
  readonly command: C;
  readonly ctx: CommandContext;
  resolve(result: Handled<S>): void;
  reject(error: unknown): void;
}

/**
 * load → decide → append, as the only writer of the stream in this process, with the stream's
 * state cached between commands. Commands that queue up on a hot stream meanwhile are decided
 * one after another on the evolving state and appended together in one transaction (group
 * commit): N concurrent commands cost at most N appends and no retries. A command the decider
 * refuses fails alone. A concurrency error (another replica) drops the cache and retries a
 * bounded number of times.
 */
export function createCommandHandler<S, C>(options: CommandHandlerOptions<S, C>) {
  const { store, types, decider, maxAttempts = 3, cacheLimit = 10_000, maxGroup = 100 } = options;
  const cache = new Map<string, { version: number; state: S }>();
  const queues = new Map<string, Queued<C, S>[]>();
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

  /** Decides each queued command on the state the previous ones leave; appends all at once. */
  async function commit(streamId: string, group: readonly Queued<C, S>[]): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      const cached = cache.get(streamId);
      const current = cached ?? (await load(streamId));
      let { state, version } = current;
      const events: NewEvent[] = [];
      const outcomes: ({ ok: Handled<S> } | { error: unknown })[] = [];
      for (const item of group) {
        try {
          const drafts = decider.decide(item.command, state);
          const mine = drafts.map((d, i) => ({ id: derivedEventId(item.ctx.commandId, i), ...types.encode(d.type, d.data), metadata: item.ctx.metadata }));
          state = mine.reduce((s, e) => decider.evolve(s, types.decode(e)), state);
          version += mine.length;
          events.push(...mine);
          outcomes.push({ ok: { version, state, appended: mine.length } });
        } catch (error) {
          outcomes.push({ error });
        }
      }
      // Nothing to append proves nothing about the cache: another writer (a replica, an import)
      // may have moved the stream on. Catch up and decide again rather than answer from the past.
      if (events.length === 0 && cached) {
        const newer = await store.readStream(streamId, cached.version + 1);
        if (newer.length > 0) {
          remember(streamId, { version: newer[newer.length - 1]!.version, state: newer.reduce((s, e) => decider.evolve(s, types.decode(e)), cached.state) });
          attempt--;
          continue;
        }
      }
      try {
        if (events.length > 0) await store.append(streamId, current.version, events);
        remember(streamId, { version, state });
        group.forEach((item, i) => {
          const outcome = outcomes[i]!;
          if ('ok' in outcome) item.resolve(outcome.ok);
          else item.reject(outcome.error);
        });
        return;
      } catch (error) {
        cache.delete(streamId);
        if (isConcurrencyError(error) && attempt < maxAttempts) continue;
        if (group.length > 1) {
          // One command (a retried one, say) spoils the group: commit each alone.
          for (const item of group) await commit(streamId, [item]);
          return;
        }
        group[0]!.reject(error);
        return;
      }
    }
  }

  async function drain(streamId: string, queue: Queued<C, S>[]): Promise<void> {
    try {
      while (queue.length > 0) {
        const group = queue.splice(0, maxGroup);
        // Loading the stream can fail (database down): every command of the group hears of it.
        await commit(streamId, group).catch((error: unknown) => group.forEach((item) => item.reject(error)));
      }
    } finally {
      queues.delete(streamId);
    }
  }

  return function handle(streamId: string, command: C, given: CommandContext): Promise<Handled<S>> {
    // Each command keeps its own trace, even when appended in a group started by another.
    const ctx = given.metadata.traceparent ? given : { ...given, metadata: withActiveTrace(given.metadata) };
    return new Promise<Handled<S>>((resolve, reject) => {
      const waiting = queues.get(streamId);
      if (waiting) {
        waiting.push({ command, ctx, resolve, reject });
        return;
      }
      const queue: Queued<C, S>[] = [{ command, ctx, resolve, reject }];
      queues.set(streamId, queue);
      void drain(streamId, queue);
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

function withActiveTrace(metadata: EventMetadata): EventMetadata {
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return carrier.traceparent ? { ...metadata, traceparent: carrier.traceparent, tracestate: carrier.tracestate ?? '' } : metadata;
}
