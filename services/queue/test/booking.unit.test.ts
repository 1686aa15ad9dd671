import { BookingStatus } from '@mpp/contracts';
import type { EventDraft } from '@mpp/eventstore';
import { describe, expect, it } from 'vitest';
import { bookingDay, bookingsOf, slotCapacity, slotsFor, type BookingCommand } from '../src/domain/booking/booking.js';
import { queueEvents } from '../src/domain/events.js';
import { given } from './given.js';

// Kendari (WITA, UTC+8), Monday 23 November 2026; minute 0 is 08:00 local.
const T0 = Date.parse('2026-11-23T00:00:00Z');
const at = (minutes: number) => new Date(T0 + minutes * 60_000);
const slot = (minute: number, capacity = 2) => ({ start: at(minute), end: at(minute + 30), capacity });
const KTP = 'kendari:ktp-el-baru';
const KK = 'kendari:kk';

type Book = Extract<BookingCommand, { kind: 'book' }>;
function book(id: string, over: Partial<Book> = {}): Book {
  return { kind: 'book', bookingId: id, mallId: 'kendari', serviceId: KTP, date: '2026-11-23', slot: slot(60), holder: `holder-${id}`, limitPerHolder: 0, at: at(-600), ...over };
}
const cancel = (id: string, minute: number): BookingCommand => ({ kind: 'cancel', bookingId: id, at: at(minute) });
const checkIn = (id: string, minute: number, ticketId = `ticket-${id}`, earlyMinutes = 15): BookingCommand => ({ kind: 'check-in', bookingId: id, ticketId, earlyMinutes, at: at(minute) });
const noShow = (id: string, minute: number): BookingCommand => ({ kind: 'no-show', bookingId: id, at: at(minute) });

/** The events of running `commands` one after another from an empty day. */
function history(...commands: BookingCommand[]): EventDraft[] {
  const events: EventDraft[] = [];
  let state = bookingDay.initialState();
  for (const c of commands) {
    for (const d of bookingDay.decide(c, state)) {
      state = bookingDay.evolve(state, queueEvents.decode(queueEvents.encode(d.type, d.data as never)));
      events.push(d);
    }
  }
  return events;
}

describe('booking a slot', () => {
  it('makes the full booking: status booked, booked at the command time, the slot as timestamps', () => {
    given(bookingDay)
      .when(book('bk-1', { holder: 'h#abc' }))
      .then([
        {
          BookingMade: {
            booking: {
              id: 'bk-1',
              mallId: 'kendari',
              serviceId: KTP,
              date: '2026-11-23',
              slotStart: '2026-11-23T01:00:00Z',
              slotEnd: '2026-11-23T01:30:00Z',
              holder: 'h#abc',
              status: 'BOOKING_STATUS_BOOKED',
              bookedAt: '2026-11-22T14:00:00Z',
              ticketId: '',
            },
          },
        },
      ]);
  });

  it('keeps the booking in the state, readable with bookingsOf', () => {
    const { state } = given(bookingDay, history(book('bk-1'), book('bk-2', { serviceId: KK })));
    expect(bookingsOf(state).map((b) => [b.id, b.serviceId, b.status])).toEqual([
      ['bk-1', KTP, BookingStatus.BOOKED],
      ['bk-2', KK, BookingStatus.BOOKED],
    ]);
  });

  it('makes a retried request (same booking id) once, whatever changed since', () => {
    given(bookingDay, history(book('bk-1'))).when(book('bk-1')).thenNothing();
    // Even when the slot has filled or passed since: the first attempt already booked it.
    given(bookingDay, history(book('bk-1'))).when(book('bk-1', { slot: slot(60, 1), at: at(200) })).thenNothing();
  });

  it('refuses a start that is not one of the service slots that day', () => {
    given(bookingDay).when(book('bk-1', { slot: undefined })).thenRefused([{ field: 'slot_start', reason: 'is not a slot of service kendari:ktp-el-baru on 2026-11-23' }]);
    given(bookingDay).when(book('bk-1', { slot: undefined })).thenFails('invalid');
  });

  it('refuses an empty holder as a missing phone number', () => {
    given(bookingDay).when(book('bk-1', { holder: '  ' })).thenRefused([{ field: 'phone', reason: 'is required' }]);
    given(bookingDay).when(book('bk-1', { holder: '' })).thenFails('invalid');
  });

  it('refuses a slot that has passed, but takes one still under way', () => {
    given(bookingDay).when(book('bk-1', { at: at(90) })).thenFails('illegal_state', 'the slot has passed');
    given(bookingDay).when(book('bk-1', { at: at(91) })).thenRefused([{ field: 'slot_start', reason: 'the slot has passed' }]);
    given(bookingDay).when(book('bk-1', { at: at(89) })).thenTypes(['BookingMade']);
  });
});

describe('capacity', () => {
  it('takes as many bookings as the slot capacity, then refuses: capacity 2, two pass, the third is full', () => {
    const two = history(book('bk-1'), book('bk-2'));
    expect(two).toHaveLength(2);
    given(bookingDay, two).when(book('bk-3')).thenRefused([{ field: 'slot_start', reason: 'full (capacity 2)' }]);
    given(bookingDay, two).when(book('bk-3')).thenFails('illegal_state', /full \(capacity 2\)/);
  });

  it('counts only that service and that slot start', () => {
    const two = history(book('bk-1'), book('bk-2'));
    given(bookingDay, two).when(book('bk-3', { slot: slot(90) })).thenTypes(['BookingMade']);
    given(bookingDay, two).when(book('bk-3', { serviceId: KK })).thenTypes(['BookingMade']);
  });

  it('counts checked-in bookings, and frees the place of a cancelled one', () => {
    const checkedIn = history(book('bk-1'), book('bk-2'), checkIn('bk-1', 50));
    given(bookingDay, checkedIn).when(book('bk-3')).thenFails('illegal_state', /full/);
    const cancelled = history(book('bk-1'), book('bk-2'), cancel('bk-2', -500));
    given(bookingDay, cancelled).when(book('bk-3')).thenTypes(['BookingMade']);
    // A no-show frees nothing worth booking: it is only marked once its slot has ended.
  });
});

describe('per-holder limits', () => {
  it('refuses a holder at the daily limit, counted across services', () => {
    const events = history(book('bk-1', { holder: 'h1', limitPerHolder: 2 }), book('bk-2', { holder: 'h1', serviceId: KK, limitPerHolder: 2 }));
    given(bookingDay, events)
      .when(book('bk-3', { holder: 'h1', serviceId: 'kendari:paspor', limitPerHolder: 2 }))
      .thenRefused([{ field: 'phone', reason: 'already holds 2 booking(s) today (limit 2)' }]);
    given(bookingDay, events).when(book('bk-3', { holder: 'h1', serviceId: 'kendari:paspor', limitPerHolder: 2 })).thenFails('illegal_state');
    // Another holder, or no limit (0), is not held back.
    given(bookingDay, events).when(book('bk-3', { holder: 'h2', serviceId: 'kendari:paspor', limitPerHolder: 2 })).thenTypes(['BookingMade']);
    given(bookingDay, events).when(book('bk-3', { holder: 'h1', serviceId: 'kendari:paspor', limitPerHolder: 0 })).thenTypes(['BookingMade']);
  });

  it('counts checked-in bookings toward the limit but not cancelled or no-show ones', () => {
    const checkedIn = history(book('bk-1', { holder: 'h1', slot: slot(0) }), checkIn('bk-1', 0));
    given(bookingDay, checkedIn).when(book('bk-2', { holder: 'h1', serviceId: KK, limitPerHolder: 1 })).thenRefused([{ field: 'phone', reason: 'already holds 1 booking(s) today (limit 1)' }]);
    const cancelled = history(book('bk-1', { holder: 'h1' }), cancel('bk-1', -500));
    given(bookingDay, cancelled).when(book('bk-2', { holder: 'h1', serviceId: KK, limitPerHolder: 1 })).thenTypes(['BookingMade']);
    const missed = history(book('bk-1', { holder: 'h1', slot: slot(0) }), noShow('bk-1', 30));
    given(bookingDay, missed).when(book('bk-2', { holder: 'h1', serviceId: KK, limitPerHolder: 1, at: at(31) })).thenTypes(['BookingMade']);
  });

  it('refuses a second booking of the same service by the same holder while the first is still booked', () => {
    const events = history(book('bk-1', { holder: 'h1' }));
    given(bookingDay, events).when(book('bk-2', { holder: 'h1', slot: slot(120) })).thenRefused([{ field: 'service_id', reason: 'already booked for this service' }]);
    given(bookingDay, events).when(book('bk-2', { holder: 'h1', slot: slot(120) })).thenFails('illegal_state', /already has booking bk-1/);
    // Cancelling the first lets the holder choose another slot.
    given(bookingDay, history(book('bk-1', { holder: 'h1' }), cancel('bk-1', -500))).when(book('bk-2', { holder: 'h1', slot: slot(120) })).thenTypes(['BookingMade']);
  });
});

describe('cancelling', () => {
  it('cancels a booked booking', () => {
    given(bookingDay, history(book('bk-1'))).when(cancel('bk-1', 10)).then([{ BookingCancelled: { bookingId: 'bk-1', at: '2026-11-23T00:10:00Z' } }]);
  });

  it('is idempotent, refuses an unknown booking, and one already checked in or a no-show', () => {
    given(bookingDay, history(book('bk-1'), cancel('bk-1', 10))).when(cancel('bk-1', 11)).thenNothing();
    given(bookingDay, history(book('bk-1'))).when(cancel('bk-9', 10)).thenFails('not_found', /bk-9/);
    given(bookingDay, history(book('bk-1'), checkIn('bk-1', 50))).when(cancel('bk-1', 55)).thenFails('illegal_state', /it is checked in \(ticket ticket-bk-1\)/);
    given(bookingDay, history(book('bk-1'), noShow('bk-1', 90))).when(cancel('bk-1', 95)).thenFails('illegal_state', /it is a no-show/);
  });
});

describe('checking in', () => {
  it('checks in from earlyMinutes before the slot, with the ticket it becomes', () => {
    given(bookingDay, history(book('bk-1')))
      .when(checkIn('bk-1', 45, 'tk-7'))
      .then([{ BookingCheckedIn: { bookingId: 'bk-1', ticketId: 'tk-7', at: '2026-11-23T00:45:00Z' } }]);
    const { state } = given(bookingDay, history(book('bk-1'), checkIn('bk-1', 45, 'tk-7')));
    expect(state.bookings.get('bk-1')).toMatchObject({ status: BookingStatus.CHECKED_IN, ticketId: 'tk-7' });
  });

  it('refuses too early, saying from when (as an ISO instant the caller shows in local time)', () => {
    given(bookingDay, history(book('bk-1'))).when(checkIn('bk-1', 44)).thenFails('illegal_state', 'too early: check in from 2026-11-23T00:45:00.000Z');
    given(bookingDay, history(book('bk-1'))).when(checkIn('bk-1', 59, 'tk', 0)).thenFails('illegal_state', /too early/);
  });

  it('takes a late citizen until the booking is marked a no-show', () => {
    given(bookingDay, history(book('bk-1'))).when(checkIn('bk-1', 120)).thenTypes(['BookingCheckedIn']);
    given(bookingDay, history(book('bk-1'), noShow('bk-1', 90))).when(checkIn('bk-1', 91)).thenFails('illegal_state', /it is a no-show/);
  });

  it('is idempotent for the same ticket, and refuses what is not booked, naming its status', () => {
    const checkedIn = history(book('bk-1'), checkIn('bk-1', 50, 'tk-1'));
    given(bookingDay, checkedIn).when(checkIn('bk-1', 51, 'tk-1')).thenNothing();
    given(bookingDay, checkedIn).when(checkIn('bk-1', 51, 'tk-2')).thenFails('illegal_state', /it is checked in \(ticket tk-1\)/);
    given(bookingDay, history(book('bk-1'), cancel('bk-1', 10))).when(checkIn('bk-1', 50)).thenFails('illegal_state', /it is cancelled/);
    given(bookingDay, history(book('bk-1'))).when(checkIn('bk-9', 50)).thenFails('not_found');
  });
});

describe('no-show', () => {
  it('marks a booking still booked once its slot has ended', () => {
    given(bookingDay, history(book('bk-1'))).when(noShow('bk-1', 90)).then([{ BookingNoShow: { bookingId: 'bk-1', at: '2026-11-23T01:30:00Z' } }]);
    expect(given(bookingDay, history(book('bk-1'), noShow('bk-1', 90))).state.bookings.get('bk-1')!.status).toBe(BookingStatus.NO_SHOW);
  });

  it('is harmless when the citizen came or cancelled, before the slot ends, twice, or for an unknown booking', () => {
    given(bookingDay, history(book('bk-1'), checkIn('bk-1', 50))).when(noShow('bk-1', 90)).thenNothing();
    given(bookingDay, history(book('bk-1'), cancel('bk-1', 10))).when(noShow('bk-1', 90)).thenNothing();
    given(bookingDay, history(book('bk-1'))).when(noShow('bk-1', 89)).thenNothing();
    given(bookingDay, history(book('bk-1'), noShow('bk-1', 90))).when(noShow('bk-1', 91)).thenNothing();
    given(bookingDay).when(noShow('bk-9', 90)).thenNothing();
  });
});

describe('slotsFor', () => {
  // 08:00–12:00 and 13:00–16:00 WITA (UTC+8) on 2026-11-23.
  const openIntervals = [
    { start: new Date('2026-11-23T00:00:00Z'), end: new Date('2026-11-23T04:00:00Z') },
    { start: new Date('2026-11-23T05:00:00Z'), end: new Date('2026-11-23T08:00:00Z') },
  ];

  it('lays out 30-minute slots around the lunch break: 14, the last ending 16:00 local', () => {
    const slots = slotsFor({ date: '2026-11-23', openIntervals, slotMinutes: 30, capacityPerSlot: 3 });
    expect(slots).toHaveLength(14);
    expect(slots[0]).toEqual({ start: new Date('2026-11-23T00:00:00Z'), end: new Date('2026-11-23T00:30:00Z'), capacity: 3 });
    expect(slots[7]!.end).toEqual(new Date('2026-11-23T04:00:00Z'));
    expect(slots[8]!.start).toEqual(new Date('2026-11-23T05:00:00Z'));
    expect(slots.at(-1)!.end).toEqual(new Date('2026-11-23T08:00:00Z'));
    expect(slots.every((s) => s.capacity === 3)).toBe(true);
  });

  it('leaves out a partial slot: 45 minutes gives 5 before lunch (to 11:45) and 4 after', () => {
    const slots = slotsFor({ date: '2026-11-23', openIntervals, slotMinutes: 45, capacityPerSlot: 1 });
    expect(slots).toHaveLength(9);
    expect(slots[4]!.end).toEqual(new Date('2026-11-23T03:45:00Z'));
    expect(slots[5]!.start).toEqual(new Date('2026-11-23T05:00:00Z'));
    expect(slots.at(-1)!.end).toEqual(new Date('2026-11-23T08:00:00Z'));
  });

  it('gives no slots on a closed day, for an interval shorter than a slot, or for a slot length of 0', () => {
    expect(slotsFor({ date: '2026-11-23', openIntervals: [], slotMinutes: 30, capacityPerSlot: 3 })).toEqual([]);
    expect(slotsFor({ date: '2026-11-23', openIntervals: [{ start: at(0), end: at(20) }], slotMinutes: 30, capacityPerSlot: 3 })).toEqual([]);
    expect(slotsFor({ date: '2026-11-23', openIntervals, slotMinutes: 0, capacityPerSlot: 3 })).toEqual([]);
  });

  it('lists slots in time order whatever the order of the intervals', () => {
    const slots = slotsFor({ date: '2026-11-23', openIntervals: [...openIntervals].reverse(), slotMinutes: 60, capacityPerSlot: 1 });
    expect(slots.map((s) => s.start.toISOString().slice(11, 16))).toEqual(['00:00', '01:00', '02:00', '03:00', '05:00', '06:00', '07:00']);
  });
});

describe('slotCapacity', () => {
  it('is what the counters handle in a slot, times the online share, at least 1', () => {
    expect(slotCapacity({ slotMinutes: 30, expectedHandlingMinutes: 10, counters: 2, bookingShare: 0.5 })).toBe(3);
    expect(slotCapacity({ slotMinutes: 60, expectedHandlingMinutes: 15, counters: 3, bookingShare: 0.4 })).toBe(4); // floor(4 × 3 × 0.4 = 4.8)
    expect(slotCapacity({ slotMinutes: 30, expectedHandlingMinutes: 20, counters: 1, bookingShare: 1 })).toBe(1); // floor(1.5) handled per counter
  });

  it('counts a handling time or counter count below 1 as 1, and never goes below 1', () => {
    expect(slotCapacity({ slotMinutes: 30, expectedHandlingMinutes: 0, counters: 1, bookingShare: 0.5 })).toBe(15);
    expect(slotCapacity({ slotMinutes: 30, expectedHandlingMinutes: 10, counters: 0, bookingShare: 1 })).toBe(3);
    expect(slotCapacity({ slotMinutes: 30, expectedHandlingMinutes: 45, counters: 4, bookingShare: 1 })).toBe(1);
    expect(slotCapacity({ slotMinutes: 30, expectedHandlingMinutes: 10, counters: 2, bookingShare: 0 })).toBe(1);
  });
});
