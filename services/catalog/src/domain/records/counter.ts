import { CounterSchema } from '@mpp/contracts';
import { CounterChanged, CounterRegistered } from '../events.js';
import { SLUG, text } from '../violations.js';
import { NUMBER } from './booth.js';
import { recordDecider } from './record.js';

export interface CounterFacts {
  /** The mall of the counter's booth; undefined when there is no such booth. */
  readonly boothMall: string | undefined;
  /** The agency of the stated booth, and of the booth it is in now (when it exists). */
  readonly boothAgency?: string | undefined;
  readonly currentBoothAgency?: string | undefined;
}

/** `<mall_id>:<number>`: counter numbers are unique in a mall ("Loket 5"). */
export const counterId = (mallId: string, number: string) => `${mallId}:${number}`;

/** A loket (counter) in a booth. */
export const counter = recordDecider({
  what: 'counter',
  schema: CounterSchema,
  key: 'counter',
  registered: CounterRegistered,
  changed: CounterChanged,
  check(v, c, facts: CounterFacts) {
    v.require(SLUG.test(c.mallId), 'mall_id', 'must be a mall id (lowercase letters, digits, dashes)');
    v.require(NUMBER.test(c.number), 'number', 'must be 1–16 letters, digits or dashes');
    v.require(c.id === counterId(c.mallId, c.number), 'id', `must be ${counterId(c.mallId, c.number)} (mall and number)`);
    text(v, 'name', c.name, { max: 80 });
    if (facts.boothMall === undefined) v.add('booth_id', `no booth ${c.boothId || '(empty)'}`);
    else v.require(facts.boothMall === c.mallId, 'booth_id', `booth ${c.boothId} is in mall ${facts.boothMall}, not ${c.mallId}`);
    // Officers are allowed counters by agency: a counter moves only among its agency's booths.
    if (facts.currentBoothAgency !== undefined && facts.boothAgency !== undefined && facts.boothAgency !== facts.currentBoothAgency) {
      v.add('booth_id', `counter ${c.id} belongs to a booth of ${facts.currentBoothAgency}; booth ${c.boothId} is ${facts.boothAgency}'s`);
    }
  },
});
