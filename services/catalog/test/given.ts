import type { Decider, EventDraft } from '@mpp/eventstore';
import { given as givenEvents } from '@mpp/eventstore/testing';
import { catalogEvents } from '../src/domain/events.js';

/** Given catalog events / When command / Then events (see `@mpp/testing/given`). */
export const given = <S, C>(decider: Decider<S, C>, history: readonly EventDraft[] = []) => givenEvents(catalogEvents, decider, history);
