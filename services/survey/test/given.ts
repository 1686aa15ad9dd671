import type { Decider, EventDraft } from '@mpp/eventstore';
import { given as givenEvents } from '@mpp/eventstore/testing';
import { surveyEvents } from '../src/domain/events.js';

/** Given survey events / When command / Then events (see `@mpp/eventstore/testing`). */
export const given = <S, C>(decider: Decider<S, C>, history: readonly EventDraft[] = []) => givenEvents(surveyEvents, decider, history);

/** The events `commands` record one after another from an empty stream. */
export function history<S, C>(decider: Decider<S, C>, ...commands: C[]): EventDraft[] {
  const events: EventDraft[] = [];
  for (const c of commands) events.push(...given(decider, events).when(c).result());
  return events;
}
