import { create, type DescMessage, type MessageShape } from '@bufbuild/protobuf';
import { draft, type Decider, type EventDraft, type EventType } from '@mpp/eventstore';
import { changedFields } from '../diff.js';
import { Violations } from '../violations.js';

/** A command that states what one record should be, with the facts its rules need from elsewhere. */
export interface Put<T, F> {
  readonly record: T;
  readonly facts: F;
}

/** How one kind of record (booth, counter, queue, service, officer, agency) is kept. */
export interface RecordSpec<D extends DescMessage, F> {
  /** What the record is called in messages (`booth`). */
  readonly what: string;
  readonly schema: D;
  /** The field of the events that holds the snapshot (`booth` in `BoothRegistered.booth`). */
  readonly key: string;
  readonly registered: EventType;
  readonly changed: EventType;
  /** Adds the reasons this record cannot be as stated; `current` is undefined for a new one. */
  check(v: Violations, record: MessageShape<D>, facts: F, current: MessageShape<D> | undefined): void;
  /** The record to keep from the stated one and the current one (default: the stated one). */
  merge?(stated: MessageShape<D>, current: MessageShape<D> | undefined): MessageShape<D>;
}

export type RecordState<D extends DescMessage> = MessageShape<D> | undefined;

/**
 * The decider of a record kept by `Put`: a new record is registered, a different one is changed
 * (naming the fields), the same one records nothing — so importing a file twice emits nothing
 * the second time.
 */
export function recordDecider<D extends DescMessage, F>(spec: RecordSpec<D, F>): Decider<RecordState<D>, Put<MessageShape<D>, F>> {
  return {
    initialState: () => undefined,
    evolve(state, event) {
      if (event.type.name !== spec.registered.name && event.type.name !== spec.changed.name) return state;
      return (event.message as unknown as Record<string, MessageShape<D>>)[spec.key];
    },
    decide(command, current): EventDraft[] {
      const stated = create(spec.schema, command.record as never) as MessageShape<D>;
      const record = spec.merge ? spec.merge(stated, current) : stated;
      const v = new Violations();
      spec.check(v, record, command.facts, current);
      v.throwIfAny(`${spec.what} refused`);
      if (!current) return [draft(spec.registered, { [spec.key]: record } as never)];
      const changed = changedFields(spec.schema, current, record);
      if (changed.length === 0) return [];
      return [draft(spec.changed, { [spec.key]: record, changedFields: changed } as never)];
    },
  };
}
