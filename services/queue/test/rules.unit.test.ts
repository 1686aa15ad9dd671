import { create } from '@bufbuild/protobuf';
import { MallSchema } from '@mpp/contracts';
import { describe, expect, it } from 'vitest';
import { dayEndsAt, dayOf } from '../src/domain/rules.js';

// A queue's day is the mall's local day: it starts and ends at local midnight, whatever the zone.
describe('the local day of a queue', () => {
  it('ends at the next local midnight in WITA (UTC+8) and WIT (UTC+9)', () => {
    expect(dayEndsAt('2026-11-23', 'Asia/Makassar').toISOString()).toBe('2026-11-23T16:00:00.000Z');
    expect(dayEndsAt('2026-11-23', 'Asia/Jayapura').toISOString()).toBe('2026-11-23T15:00:00.000Z');
    expect(dayEndsAt('2026-12-31', 'Asia/Jakarta').toISOString()).toBe('2026-12-31T17:00:00.000Z');
  });

  it('numbers tickets by the local date: past local midnight is the next day', () => {
    const jayapura = create(MallSchema, { id: 'jayapura', timeZone: 'Asia/Jayapura' });
    const kendari = create(MallSchema, { id: 'kendari', timeZone: 'Asia/Makassar' });
    const at = new Date('2026-11-23T15:30:00Z'); // 00:30 WIT on the 24th, 23:30 WITA on the 23rd
    expect(dayOf(jayapura, at)).toBe('2026-11-24');
    expect(dayOf(kendari, at)).toBe('2026-11-23');
    expect(dayOf(jayapura, dayEndsAt('2026-11-23', 'Asia/Jayapura'))).toBe('2026-11-24');
    expect(dayOf(jayapura, new Date(dayEndsAt('2026-11-23', 'Asia/Jayapura').getTime() - 1))).toBe('2026-11-23');
  });
});
