import { describe, expect, it } from 'vitest';
import { AppError } from '@mpp/errors';
import { EventTypes, eventTypeName } from '../src/index.js';
import { TicketIssuedV1Schema, TicketIssuedV2Schema } from './fixtures.js';

describe('event types and upcasting', () => {
  it('names a type after its message and the version of its package', () => {
    expect(eventTypeName(TicketIssuedV1Schema)).toBe('id.mpp.testing.TicketIssued.v1');
    expect(eventTypeName(TicketIssuedV2Schema)).toBe('id.mpp.testing.TicketIssued.v2');
  });

  it('reads a stored v1 event as v2 through its upcaster', () => {
    const types = new EventTypes();
    const v1 = types.register(TicketIssuedV1Schema);
    const v2 = types.register(TicketIssuedV2Schema);
    types.upcast(v1, v2, (old) => ({ number: (old as unknown as { number: string }).number, source: 'kiosk', priority: 0 }) as never);

    const stored = types.encode(v1, { number: 'B-017' } as never);
    const decoded = types.decode(stored);
    expect(decoded.type.name).toBe('id.mpp.testing.TicketIssued.v2');
    expect(decoded.message).toMatchObject({ number: 'B-017', source: 'kiosk', priority: 0 });

    const current = types.decode(types.encode(v2, { number: 'B-018', source: 'online', priority: 2 } as never));
    expect(current.message).toMatchObject({ number: 'B-018', source: 'online', priority: 2 });
  });

  it('refuses an unknown type with a clear error, and a second upcaster for one type', () => {
    const types = new EventTypes();
    expect(() => types.decode({ type: 'id.mpp.nope.Thing.v1', data: new Uint8Array() })).toThrow(AppError);
    const v1 = types.register(TicketIssuedV1Schema);
    const v2 = types.register(TicketIssuedV2Schema);
    types.upcast(v1, v2, () => ({}) as never);
    expect(() => types.upcast(v1, v2, () => ({}) as never)).toThrow('already has an upcaster');
  });
});
