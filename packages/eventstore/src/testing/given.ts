import { toJson } from '@bufbuild/protobuf';
import { AppError } from '@mpp/errors';
import type { Decider, EventDraft } from '../command-handler.js';
import type { EventTypes } from '../event-types.js';
import { expect } from 'vitest';

/** An event as a test states it: its type's short name and its data as JSON. */
export type Stated = { readonly [type: string]: unknown };

/**
 * Given events / When command / Then events (or Then refused): a decider's behaviour without
 * any infrastructure. Events go through their protobuf encoding both ways, as in the store.
 *
 * @example
 * given(catalogEvents, booth, [draft(BoothRegistered, { booth })]).when(put).thenNothing();
 */
export function given<S, C>(types: EventTypes, decider: Decider<S, C>, history: readonly EventDraft[] = []) {
  const roundTrip = (d: EventDraft) => types.decode(types.encode(d.type, d.data as never));
  const short = (d: EventDraft) => d.type.name.split('.').at(-2)!;
  const asJson = (d: EventDraft) => toJson(d.type.schema, roundTrip(d).message as never, { alwaysEmitImplicit: true });
  const state = history.reduce((s, d) => decider.evolve(s, roundTrip(d)), decider.initialState());
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
        /** Refused with an AppError carrying these field-level reasons (a reason may be a part or a pattern). */
        thenRefused(violations: readonly { field: string; reason?: string | RegExp }[]) {
          const error = refusal(run);
          for (const v of violations) {
            const match = error.violations.find((g) => g.field === v.field && (v.reason === undefined || (typeof v.reason === 'string' ? g.reason.includes(v.reason) : v.reason.test(g.reason))));
            expect(match, `no violation on ${v.field} matching ${String(v.reason)}; got ${JSON.stringify(error.violations)}`).toBeDefined();
          }
          return error.violations;
        },
        /** Refused with this error code, its message matching `message`. */
        thenFails(code: AppError['code'], message?: string | RegExp) {
          const error = refusal(run);
          expect(error.code, error.message).toBe(code);
          if (message !== undefined) expect(error.message).toMatch(message);
          return error;
        },
        result: run,
      };
    },
  };
}

function refusal(run: () => unknown): AppError {
  let error: unknown;
  try {
    run();
  } catch (e) {
    error = e;
  }
  expect(error, 'the command was accepted').toBeInstanceOf(AppError);
  return error as AppError;
}
