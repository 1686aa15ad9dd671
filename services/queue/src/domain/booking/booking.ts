import { create } from '@bufbuild/protobuf';
import { timestampDate, timestampFromDate, type Timestamp } from '@bufbuild/protobuf/wkt';
import { BookingSchema, BookingStatus, type Booking } from '@mpp/contracts';
import { AppError } from '@mpp/errors';
import { draft, type Decider, type DecodedEvent, type EventDraft } from '@mpp/eventstore';
import { BookingCancelled, BookingCheckedIn, BookingMade, BookingNoShow } from '../events.js';

/**
 * One mall's bookings (antrian online) of one local day. A single stream holds every booking of
 * the mall's day, so capacity and the per-holder limit are checked against all of them, and the
 * store's per-stream serialisation makes overbooking impossible.
 */
export interface BookingDayState {
  readonly bookings: ReadonlyMap<string, Booking>;
}

/** One bookable slot of a service's day, as the caller laid it out with `slotsFor`. */
export interface SlotTimes {
  readonly start: Date;
  readonly end: Date;
  readonly capacity: number;
}

export type BookingCommand =
  | {
      readonly kind: 'book';
      readonly bookingId: string;
      readonly mallId: string;
      readonly serviceId: string;
      /** The mall's local date, `YYYY-MM-DD`. */
      readonly date: string;
      /** The slot the requested start names; undefined when it is not one of the service's slots that day. */
      readonly slot: SlotTimes | undefined;
      /** Keyed hash of the phone number or device id (never the number itself). */
      readonly holder: string;
      /** Most live bookings (booked or checked in) one holder may have that day, all services; 0 = no limit. */
      readonly limitPerHolder: number;
      readonly at: Date;
    }
  | { readonly kind: 'cancel'; readonly bookingId: string; readonly at: Date }
  | {
      readonly kind: 'check-in';
      readonly bookingId: string;
      /** The ticket the booking becomes (issued in the same transaction). */
      readonly ticketId: string;
      /** How long before its slot a booking may check in. */
      readonly earlyMinutes: number;
      readonly at: Date;
    }
  | { readonly kind: 'no-show'; readonly bookingId: string; readonly at: Date };

const STATUS_WORD: Record<BookingStatus, string> = {
  [BookingStatus.UNSPECIFIED]: 'unknown',
  [BookingStatus.BOOKED]: 'booked',
  [BookingStatus.CHECKED_IN]: 'checked in',
  [BookingStatus.NO_SHOW]: 'a no-show',
  [BookingStatus.CANCELLED]: 'cancelled',
};

const MINUTE = 60_000;
const ts = (d: Date) => timestampFromDate(d);
const ms = (t: Timestamp | undefined) => (t ? timestampDate(t).getTime() : Number.NaN);
/** Booked or checked in: holds a place in its slot and counts toward the holder's limit. */
const live = (b: Booking) => b.status === BookingStatus.BOOKED || b.status === BookingStatus.CHECKED_IN;

/** The bookings of the day, in the order they were made. */
export const bookingsOf = (state: BookingDayState): Booking[] => [...state.bookings.values()];

function bookingOf(state: BookingDayState, bookingId: string): Booking {
  const b = state.bookings.get(bookingId);
  if (!b) throw new AppError('not_found', `no booking ${bookingId} on this day`);
  return b;
}

function refuseState(b: Booking, doing: string): never {
  throw new AppError('illegal_state', `cannot ${doing} booking ${b.id}: it is ${STATUS_WORD[b.status]}${b.ticketId ? ` (ticket ${b.ticketId})` : ''}`);
}

function book(c: Extract<BookingCommand, { kind: 'book' }>, state: BookingDayState): EventDraft[] {
  // A retried request (same booking id) made its booking already, whatever changed since.
  if (state.bookings.has(c.bookingId)) return [];
  if (c.holder.trim() === '') throw new AppError('invalid', 'a booking needs a phone number', { violations: [{ field: 'phone', reason: 'is required' }] });
  const slot = c.slot;
  if (!slot) {
    throw new AppError('invalid', `the requested start is not a slot of service ${c.serviceId} on ${c.date}`, {
      violations: [{ field: 'slot_start', reason: `is not a slot of service ${c.serviceId} on ${c.date}` }],
    });
  }
  if (slot.end.getTime() <= c.at.getTime()) {
    throw new AppError('illegal_state', 'the slot has passed', { violations: [{ field: 'slot_start', reason: 'the slot has passed' }] });
  }
  const all = bookingsOf(state);
  const taken = all.filter((b) => live(b) && b.serviceId === c.serviceId && ms(b.slotStart) === slot.start.getTime()).length;
  if (taken >= slot.capacity) {
    throw new AppError('illegal_state', `the slot is full (capacity ${slot.capacity})`, { violations: [{ field: 'slot_start', reason: `full (capacity ${slot.capacity})` }] });
  }
  const mine = all.filter((b) => b.holder === c.holder);
  const sameService = mine.find((b) => b.serviceId === c.serviceId && b.status === BookingStatus.BOOKED);
  if (sameService) {
    throw new AppError('illegal_state', `this phone already has booking ${sameService.id} for this service on ${c.date}; cancel it to choose another slot`, {
      violations: [{ field: 'service_id', reason: `already booked for this service on ${c.date}` }],
    });
  }
  const held = mine.filter(live).length;
  if (c.limitPerHolder > 0 && held >= c.limitPerHolder) {
    throw new AppError('illegal_state', `this phone already holds ${held} booking(s) on ${c.date} (limit ${c.limitPerHolder})`, {
      violations: [{ field: 'phone', reason: `already holds ${held} booking(s) today (limit ${c.limitPerHolder})` }],
    });
  }
  const booking = create(BookingSchema, {
    id: c.bookingId,
    mallId: c.mallId,
    serviceId: c.serviceId,
    date: c.date,
    slotStart: ts(slot.start),
    slotEnd: ts(slot.end),
    holder: c.holder,
    status: BookingStatus.BOOKED,
    bookedAt: ts(c.at),
  });
  return [draft(BookingMade, { booking })];
}

function checkIn(c: Extract<BookingCommand, { kind: 'check-in' }>, state: BookingDayState): EventDraft[] {
  const b = bookingOf(state, c.bookingId);
  // A retried check-in (same ticket) is done already.
  if (b.status === BookingStatus.CHECKED_IN && b.ticketId === c.ticketId) return [];
  if (b.status !== BookingStatus.BOOKED) refuseState(b, 'check in');
  // Early by at most `earlyMinutes`; late is fine until the no-show timer has marked it.
  const from = new Date(ms(b.slotStart) - Math.max(0, c.earlyMinutes) * MINUTE);
  if (c.at.getTime() < from.getTime()) {
    // The instant in ISO form: the caller shows it as the mall's local HH:MM.
    throw new AppError('illegal_state', `too early: check in from ${from.toISOString()}`, { violations: [{ field: 'booking_id', reason: `check in from ${from.toISOString()}` }] });
  }
  return [draft(BookingCheckedIn, { bookingId: b.id, ticketId: c.ticketId, at: ts(c.at) })];
}

function update(state: BookingDayState, bookingId: string | undefined, change: Partial<Booking>): BookingDayState {
  const b = bookingId === undefined ? undefined : state.bookings.get(bookingId);
  if (!b) return state;
  const bookings = new Map(state.bookings);
  bookings.set(b.id, create(BookingSchema, { ...b, ...change }));
  return { bookings };
}

/** The booking day after one more of its events. */
export function evolveBookingDay(state: BookingDayState, event: DecodedEvent): BookingDayState {
  const m = event.message as unknown as { booking?: Booking; bookingId?: string; ticketId?: string };
  switch (event.type.name) {
    case BookingMade.name: {
      const booking = m.booking!;
      const bookings = new Map(state.bookings);
      bookings.set(booking.id, booking);
      return { bookings };
    }
    case BookingCancelled.name:
      return update(state, m.bookingId, { status: BookingStatus.CANCELLED });
    case BookingCheckedIn.name:
      return update(state, m.bookingId, { status: BookingStatus.CHECKED_IN, ticketId: m.ticketId ?? '' });
    case BookingNoShow.name:
      return update(state, m.bookingId, { status: BookingStatus.NO_SHOW });
    default:
      return state;
  }
}

export const bookingDay: Decider<BookingDayState, BookingCommand> = {
  initialState: () => ({ bookings: new Map() }),
  evolve: evolveBookingDay,
  decide(command, state): EventDraft[] {
    switch (command.kind) {
      case 'book':
        return book(command, state);
      case 'cancel': {
        const b = bookingOf(state, command.bookingId);
        if (b.status === BookingStatus.CANCELLED) return [];
        if (b.status !== BookingStatus.BOOKED) refuseState(b, 'cancel');
        return [draft(BookingCancelled, { bookingId: b.id, at: ts(command.at) })];
      }
      case 'check-in':
        return checkIn(command, state);
      case 'no-show': {
        // A timer fires this once per booking: harmless when the citizen came, cancelled, or it is early.
        const b = state.bookings.get(command.bookingId);
        if (!b || b.status !== BookingStatus.BOOKED || command.at.getTime() < ms(b.slotEnd)) return [];
        return [draft(BookingNoShow, { bookingId: b.id, at: ts(command.at) })];
      }
      default: {
        const unknown: never = command;
        throw new Error(`unknown booking-day command ${JSON.stringify(unknown)}`);
      }
    }
  },
};

export interface SlotsInput {
  /** The mall's local date, `YYYY-MM-DD` (the intervals below are already that day's instants). */
  readonly date: string;
  /** The service's open intervals that day, in UTC instants, as the opening-hours rules give them. */
  readonly openIntervals: readonly { readonly start: Date; readonly end: Date }[];
  readonly slotMinutes: number;
  readonly capacityPerSlot: number;
}

/**
 * The slots of a service's day: back to back from the start of each open interval, only whole
 * slots that end within it (a remainder shorter than a slot is not offered), in time order.
 * No intervals, or a slot length that is not positive, gives no slots.
 */
export function slotsFor(input: SlotsInput): { start: Date; end: Date; capacity: number }[] {
  const length = Math.floor(input.slotMinutes) * MINUTE;
  if (!(length > 0)) return [];
  const intervals = [...input.openIntervals].sort((a, b) => a.start.getTime() - b.start.getTime());
  const slots: { start: Date; end: Date; capacity: number }[] = [];
  for (const { start, end } of intervals) {
    for (let s = start.getTime(); s + length <= end.getTime(); s += length) {
      slots.push({ start: new Date(s), end: new Date(s + length), capacity: input.capacityPerSlot });
    }
  }
  return slots;
}

/**
 * How many bookings one slot takes:
 * `max(1, floor(floor(slotMinutes / max(1, expectedHandlingMinutes)) × max(1, counters) × bookingShare))`.
 *
 * Each counter serving the service handles `floor(slotMinutes / expectedHandlingMinutes)` citizens
 * in a slot; `bookingShare` (0..1) is the part of that throughput offered online, the rest is left
 * to walk-ins at the kiosk. A handling time or counter count below 1 counts as 1, and a slot always
 * takes at least one booking (so a booking service is never bookable-but-empty).
 *
 * @example slotCapacity({ slotMinutes: 30, expectedHandlingMinutes: 10, counters: 2, bookingShare: 0.5 }) // 3
 */
export function slotCapacity(input: { readonly slotMinutes: number; readonly expectedHandlingMinutes: number; readonly counters: number; readonly bookingShare: number }): number {
  const perCounter = Math.floor(input.slotMinutes / Math.max(1, input.expectedHandlingMinutes));
  return Math.max(1, Math.floor(perCounter * Math.max(1, input.counters) * input.bookingShare));
}
