import type { EventStore } from '@mpp/eventstore';
import { catalogEvents } from '../domain/events.js';
import { mall } from '../domain/mall/mall.js';
import { agency } from '../domain/records/agency.js';
import { booth } from '../domain/records/booth.js';
import { counter } from '../domain/records/counter.js';
import { officer } from '../domain/records/officer.js';
import { queue } from '../domain/records/queue.js';
import { service } from '../domain/records/service.js';
import type { States } from './facts.js';
import { loadState } from './load.js';
import { streams } from './streams.js';

/** The records as their streams hold them now (facts for a single command). */
export function streamStates(store: EventStore): States {
  return {
    mall: (id) => loadState(store, catalogEvents, mall, streams.mall(id)),
    agency: (code) => loadState(store, catalogEvents, agency, streams.agency(code)),
    booth: (id) => loadState(store, catalogEvents, booth, streams.booth(id)),
    counter: (id) => loadState(store, catalogEvents, counter, streams.counter(id)),
    queue: (id) => loadState(store, catalogEvents, queue, streams.queue(id)),
    service: (id) => loadState(store, catalogEvents, service, streams.service(id)),
    officer: (subject) => loadState(store, catalogEvents, officer, streams.officer(subject)),
  };
}
