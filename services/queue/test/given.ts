import type { Decider, EventDraft } from '@mpp/eventstore';
import { given as givenEvents } from '@mpp/eventstore/testing';
import { queueEvents } from '../src/domain/events.js';

/** Given queue events / When command / Then events (see `@mpp/eventstore/testing`). */
export const given = <S, C>(decider: Decider<S, C>, history: readonly EventDraft[] = []) => givenEvents(queueEvents, decider, history);
