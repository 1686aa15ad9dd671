import { QueueSchema } from '@mpp/contracts';
import { QueueChanged, QueueRegistered } from '../events.js';
import { SLUG, text } from '../violations.js';
import { recordDecider } from './record.js';

export interface QueueFacts {
  readonly mallExists: boolean;
}

/** One or two capital letters: what a board shows before the number (`B-017`). */
export const PREFIX = /^[A-Z]{1,2}$/;

/** `<mall_id>:<prefix>`: a prefix is unique in its mall, so a board never shows two `A-001`. */
export const queueId = (mallId: string, prefix: string) => `${mallId}:${prefix}`;

/** An antrian (queue): a line of tickets in a mall. */
export const queue = recordDecider({
  what: 'queue',
  schema: QueueSchema,
  key: 'queue',
  registered: QueueRegistered,
  changed: QueueChanged,
  check(v, q, facts: QueueFacts) {
    v.require(SLUG.test(q.mallId), 'mall_id', 'must be a mall id (lowercase letters, digits, dashes)');
    v.require(!SLUG.test(q.mallId) || facts.mallExists, 'mall_id', `no mall ${q.mallId}`);
    v.require(PREFIX.test(q.prefix), 'prefix', 'must be one or two capital letters');
    v.require(q.id === queueId(q.mallId, q.prefix), 'id', `must be ${queueId(q.mallId, q.prefix)} (mall and prefix)`);
    text(v, 'name', q.name, { required: true, max: 80 });
  },
});
