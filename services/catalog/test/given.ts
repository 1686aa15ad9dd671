import { toJson } from '@bufbuild/protobuf';
import type { Decider, EventDraft } from '@mpp/eventstore';
import { AppError } from '@mpp/errors';
import { expect } from 'vitest';
import { catalogEvents } from '../src/domain/events.js';

/** An event as a test states it: its type's short name and its data as JSON. */
export type Stated = { readonly [type: string]: unknown };

const short = (draft: EventDraft) => draft.type.name.split('.').at(-2)!;
const asJson = (draft: EventDraft) => toJson(draft.type.schema, catalogEvents.decode(catalogEvents.encode(draft.type, draft.data as never)).message as never, { alwaysEmitImplicit: true });

/**
 * Given events / When command / Then events (or Then refused): the decider's behaviour without
 * any infrastructure.
 */
export function given<S, C>(decider: Decider<S, C>, history: readonly EventDraft[] = []) {
  const state = history.reduce((s, d) => decider.evolve(s, catalogEvents.decode(catalogEvents.encode(d.type, d.data as never))), decider.initialState());
  return {
    state,
    when(command: C) {
      const run = () => decider.decide(command, state);
      return {
        then(expected: readonly Stated[]) {
          expect(run().map((d) => ({ [short(d)]: asJson(d) }))).toEqual(expected);
        },
        /** The events' types only. */
        thenTypes(expected: readonly string[]) {
          expect(run().map(short)).toEqual(expected);
        },
        thenNothing() {
          expect(run()).toEqual([]);
        },
        thenRefused(violations: readonly { field: string; reason?: string | RegExp }[]) {
          let error: unknown;
          try {
            run();
          } catch (e) {
            error = e;
          }
          expect(error, 'the command was accepted').toBeInstanceOf(AppError);
          const got = (error as AppError).violations;
          for (const v of violations) {
            const match = got.find((g) => g.field === v.field && (v.reason === undefined || (typeof v.reason === 'string' ? g.reason.includes(v.reason) : v.reason.test(g.reason))));
            expect(match, `no violation on ${v.field} matching ${String(v.reason)}; got ${JSON.stringify(got)}`).toBeDefined();
          }
          return got;
        },
        result: run,
      };
    },
  };
}
