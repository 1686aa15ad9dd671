import { createHash } from 'node:crypto';
import { context, propagation } from '@opentelemetry/api';
import type { DescMessage, MessageInitShape } from '@bufbuild/protobuf';
import type { EventMetadata } from '@mpp/contracts';
import { isConcurrencyError } from './errors.js';
import type { DecodedEvent, EventTypes, EventType } from './event-types.js';
import type { EventStore } from './store.js';
import type { ExpectedVersion, NewEvent, StreamAppend } from './types.js';

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

/** Events a command appends to another stream in the same transaction (all or nothing). */
export interface Alongside {
  readonly streamId: string;
  /** The other stream's version the caller decided on; a stale one fails the command. */
  readonly expectedVersion: ExpectedVersion;
  readonly events: readonly EventDraft[];
  /** Their metadata when it differs from the command's (another service's ticket, say). */
  readonly metadata?: EventMetadata;
}

export interface HandleOptions<S> {
  /**
   * What else the command writes, decided from the stream's new state and its events (a counter
   * taking the ticket just called, a booking checked in with its ticket). Throwing refuses the
   * command. Such a command is appended alone, never grouped.
   */
  readonly alongside?: (state: S, events: readonly EventDraft[]) => readonly Alongside[];
  /**
   * The metadata of each of the command's own events once decided, from the stream's new state
   * (the service of the ticket a "call next" chose, the new ticket of a transfer); default: the
   * context's. What the command writes alongside takes its first event's, unless it names its own.
   */
  readonly metadataFor?: (state: S, event: EventDraft, metadata: EventMetadata) => EventMetadata;
}

interface Queued<C, S> {
  readonly command: C;
  readonly ctx: CommandContext;
  readonly options: HandleOptions<S>;
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
      const others: StreamAppend[] = [];
      const outcomes: ({ ok: Handled<S> } | { error: unknown })[] = [];
      for (const item of group) {
        try {
          const drafts = decider.decide(item.command, state);
          const encoded = drafts.map((d) => types.encode(d.type, d.data));
          const next = encoded.reduce((s, e) => decider.evolve(s, types.decode(e)), state);
          const described = drafts.map((d) => item.options.metadataFor?.(next, d, item.ctx.metadata) ?? item.ctx.metadata);
          const metadata = described[0] ?? item.ctx.metadata;
          const mine = encoded.map((e, i) => ({ id: derivedEventId(item.ctx.commandId, i), ...e, metadata: described[i]! }));
          let index = mine.length;
          for (const other of item.options.alongside?.(next, drafts) ?? []) {
            const events = other.events.map((d) => ({ id: derivedEventId(item.ctx.commandId, index++), ...types.encode(d.type, d.data), metadata: other.metadata ?? metadata }));
            if (events.length > 0) others.push({ streamId: other.streamId, expectedVersion: other.expectedVersion, events });
          }
          state = next;
          version += mine.length;
          events.push(...mine);
          outcomes.push({ ok: { version, state, appended: mine.length } });
        } catch (error) {
          outcomes.push({ error });
        }
      }
      // Nothing to append proves nothing about the cache: another writer (a replica, an import)
      // may have moved the stream on. Catch up and decide again rather than answer from the past.
      if (events.length === 0 && others.length === 0 && cached) {
        const newer = await store.readStream(streamId, cached.version + 1);
        if (newer.length > 0) {
          remember(streamId, { version: newer[newer.length - 1]!.version, state: newer.reduce((s, e) => decider.evolve(s, types.decode(e)), cached.state) });
          attempt--;
          continue;
        }
      }
      try {
        if (others.length > 0) await store.appendMany([...(events.length > 0 ? [{ streamId, expectedVersion: current.version, events }] : []), ...others]);
        else if (events.length > 0) await store.append(streamId, current.version, events);
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
        // A command that writes other streams goes alone: two in one group could race on them.
        const alone = queue[0]!.options.alongside !== undefined;
        let size = 1;
        while (!alone && size < Math.min(maxGroup, queue.length) && queue[size]!.options.alongside === undefined) size++;
        const group = queue.splice(0, size);
        // Loading the stream can fail (database down): every command of the group hears of it.
        await commit(streamId, group).catch((error: unknown) => group.forEach((item) => item.reject(error)));
      }
    } finally {
      queues.delete(streamId);
    }
  }

  function handle(streamId: string, command: C, given: CommandContext, options: HandleOptions<S> = {}): Promise<Handled<S>> {
    // Each command keeps its own trace, even when appended in a group started by another.
    const ctx = given.metadata.traceparent ? given : { ...given, metadata: withActiveTrace(given.metadata) };
    return new Promise<Handled<S>>((resolve, reject) => {
      const waiting = queues.get(streamId);
      if (waiting) {
        waiting.push({ command, ctx, options, resolve, reject });
        return;
      }
      const queue: Queued<C, S>[] = [{ command, ctx, options, resolve, reject }];
      queues.set(streamId, queue);
      void drain(streamId, queue);
    });
  }

  /**
   * The stream's state now: the cache caught up with what others appended (one query), or the
   * stream read from the start. For queries and for deciding what to write alongside.
   */
  async function read(streamId: string): Promise<{ version: number; state: S }> {
    const cached = cache.get(streamId);
    if (!cached) {
      const loaded = await load(streamId);
      if (!cache.has(streamId)) remember(streamId, loaded);
      return loaded;
    }
    const newer = await store.readStream(streamId, cached.version + 1);
    if (newer.length === 0) return cached;
    const caught = { version: newer[newer.length - 1]!.version, state: newer.reduce((s, e) => decider.evolve(s, types.decode(e)), cached.state) };
    if (cache.get(streamId) === cached) remember(streamId, caught);
    return caught;
  }

  return Object.assign(handle, { read });
}

/** A command handler: `handle(streamId, command, ctx, options?)`, plus `read(streamId)`. */
export type CommandHandler<S, C> = ReturnType<typeof createCommandHandler<S, C>>;

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
