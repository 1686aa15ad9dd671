import type { Decider, EventStore, NewEvent } from '@mpp/eventstore';
import { catalogEvents } from '../../domain/events.js';
import { mall } from '../../domain/mall/mall.js';
import { agency } from '../../domain/records/agency.js';
import { booth } from '../../domain/records/booth.js';
import { counter } from '../../domain/records/counter.js';
import { officer } from '../../domain/records/officer.js';
import { queue } from '../../domain/records/queue.js';
import { service } from '../../domain/records/service.js';
import type { States } from '../facts.js';
import { streams } from '../streams.js';

/** A stream as an import sees it: as loaded, plus the events the import decided so far. */
export interface Pending {
  readonly streamId: string;
  /** The version it was loaded at: the import appends only if nobody wrote since. */
  readonly loadedVersion: number;
  state: unknown;
  readonly events: NewEvent[];
}

/**
 * The records as an import sees them: each stream read once, then evolved by what earlier rows
 * decided, so a row may refer to a record an earlier row of the same file creates.
 */
export class ImportSession implements States {
  readonly #store: EventStore;
  readonly #streams = new Map<string, Promise<Pending>>();

  constructor(store: EventStore) {
    this.#store = store;
  }

  stream(decider: Decider<unknown, unknown>, streamId: string): Promise<Pending> {
    let pending = this.#streams.get(streamId);
    if (!pending) {
      pending = (streamId.includes('\u0000') ? Promise.resolve([]) : this.#store.readStream(streamId)).then((events) => ({
        streamId,
        loadedVersion: events.at(-1)?.version ?? 0,
        state: events.reduce((s, e) => decider.evolve(s, catalogEvents.decode(e)), decider.initialState()),
        events: [],
      }));
      this.#streams.set(streamId, pending);
    }
    return pending;
  }

  /** Streams with events to append, in the order they were first touched. */
  async changed(): Promise<Pending[]> {
    return (await Promise.all(this.#streams.values())).filter((p) => p.events.length > 0);
  }

  async #state<S>(decider: Decider<S, never>, streamId: string): Promise<S> {
    return (await this.stream(decider as Decider<unknown, unknown>, streamId)).state as S;
  }

  mall = (id: string) => this.#state(mall, streams.mall(id));
  agency = (code: string) => this.#state(agency, streams.agency(code));
  booth = (id: string) => this.#state(booth, streams.booth(id));
  counter = (id: string) => this.#state(counter, streams.counter(id));
  queue = (id: string) => this.#state(queue, streams.queue(id));
  service = (id: string) => this.#state(service, streams.service(id));
  officer = (subject: string) => this.#state(officer, streams.officer(subject));
}
