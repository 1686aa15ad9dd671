import { createHmac } from 'node:crypto';
import { create } from '@bufbuild/protobuf';
import { timestampDate, timestampFromDate, timestampMs } from '@bufbuild/protobuf/wkt';
import { BookingStatus, SlotSchema, Source, type Actor, type Booking, type Slot, type TicketView } from '@mpp/contracts';
import { AppError } from '@mpp/errors';
import { isConcurrencyError } from '@mpp/eventstore';
import { isCalendarDate } from '@mpp/opening-hours';
import { bookingDay, bookingsOf, slotCapacity, slotsFor, type BookingDayState } from '../domain/booking/booking.js';
import { dayOf } from '../domain/rules.js';
import { commandContext, normalisePhone } from './authorize.js';
import { serviceIntervals } from './calendar.js';
import type { Core, Facts } from './core.js';
import { bookingLocation, newBookingId, newTicketId, seedOf, streams } from './ids.js';
import type { Tickets } from './tickets.js';

export const BOOKING_NO_SHOW = 'booking-no-show';

function locateBooking(bookingId: string) {
  const at = bookingLocation(bookingId);
  if (!at) throw new AppError('not_found', 'no such booking', { violations: [{ field: 'booking_id', reason: 'is not a booking id' }] });
  return { ...at, stream: streams.bookings(at.mallId, at.date) };
}

function found(state: BookingDayState, bookingId: string): Booking {
  const b = state.bookings.get(bookingId);
  if (!b) throw new AppError('not_found', 'no such booking');
  return b;
}

export function createBookings(core: Core, tickets: Tickets) {
  const { bookings, clock, settings } = core;

  /** The service's slots that day, with capacity from its hours and counters. */
  async function layout(facts: Facts, date: string) {
    const counters = await core.replica.counterCount(facts.service.boothIds);
    const capacity = slotCapacity({ slotMinutes: settings.bookingSlotMinutes, expectedHandlingMinutes: facts.service.expectedHandlingMinutes, counters, bookingShare: settings.bookingShare });
    return slotsFor({ date, openIntervals: serviceIntervals(facts, date), slotMinutes: settings.bookingSlotMinutes, capacityPerSlot: capacity });
  }

  /** A keyed hash of who books: the limit holds without the number in any event. */
  function holderOf(phone: string, deviceId: string): string {
    if (phone === '' && deviceId === '') throw new AppError('invalid', 'a booking needs a phone number or a device id', { violations: [{ field: 'phone', reason: 'give a phone number or a device id' }] });
    const key = phone !== '' ? `phone:${normalisePhone(phone, 'phone')}` : `device:${deviceId}`;
    if (deviceId.length > 200) throw new AppError('invalid', 'device_id is too long', { violations: [{ field: 'device_id', reason: 'at most 200 characters' }] });
    return createHmac('sha256', settings.holderKey).update(key).digest('base64url');
  }

  return {
    async slots(mallId: string, serviceId: string, date: string): Promise<Slot[]> {
      if (!isCalendarDate(date)) throw new AppError('invalid', 'date must be YYYY-MM-DD', { violations: [{ field: 'date', reason: 'must be a calendar date YYYY-MM-DD' }] });
      const facts = await core.facts(serviceId);
      if (facts.mall.id !== mallId) throw new AppError('not_found', `no service ${serviceId} in mall ${mallId}`);
      const { state } = await bookings.read(streams.bookings(mallId, date));
      const taken = new Map<number, number>();
      for (const b of bookingsOf(state)) {
        if (b.serviceId === serviceId && (b.status === BookingStatus.BOOKED || b.status === BookingStatus.CHECKED_IN)) taken.set(timestampMs(b.slotStart!), (taken.get(timestampMs(b.slotStart!)) ?? 0) + 1);
      }
      return (await layout(facts, date)).map((s) => create(SlotSchema, { start: timestampFromDate(s.start), end: timestampFromDate(s.end), capacity: s.capacity, booked: taken.get(s.start.getTime()) ?? 0 }));
    },

    async book(actor: Actor | undefined, req: { mallId: string; serviceId: string; slotStart: Date | undefined; phone: string; deviceId: string; requestId: string }): Promise<Booking> {
      if (!req.slotStart) throw new AppError('invalid', 'slot_start is required', { violations: [{ field: 'slot_start', reason: 'is required' }] });
      const holder = holderOf(req.phone, req.deviceId);
      const facts = await core.facts(req.serviceId);
      if (facts.mall.id !== req.mallId) throw new AppError('not_found', `no service ${req.serviceId} in mall ${req.mallId}`);
      const date = dayOf(facts.mall, req.slotStart);
      const slot = (await layout(facts, date)).find((s) => s.start.getTime() === req.slotStart!.getTime());
      const seed = req.requestId === '' ? undefined : seedOf(req.mallId, req.requestId);
      const bookingId = newBookingId(req.mallId, date, seed);
      const stream = streams.bookings(req.mallId, date);
      const r = await bookings(stream, { kind: 'book', bookingId, mallId: req.mallId, serviceId: req.serviceId, date, slot, holder, limitPerHolder: settings.bookingLimitPerHolder, at: clock.now() }, commandContext(actor, { mallId: req.mallId, agencyCode: facts.service.agencyCode, serviceId: req.serviceId }));
      const booking = found(r.state, bookingId);
      const dueAt = new Date(timestampMs(booking.slotEnd!) + settings.bookingNoShowGraceMinutes * 60_000);
      await core.timers.schedule({ id: `${BOOKING_NO_SHOW}:${bookingId}`, kind: BOOKING_NO_SHOW, dueAt, payload: { bookingId } });
      return booking;
    },

    async get(bookingId: string): Promise<Booking> {
      const at = locateBooking(bookingId);
      return found((await bookings.read(at.stream)).state, bookingId);
    },

    async cancel(actor: Actor | undefined, bookingId: string): Promise<Booking> {
      const at = locateBooking(bookingId);
      const booking = found((await bookings.read(at.stream)).state, bookingId);
      const r = await bookings(at.stream, { kind: 'cancel', bookingId, at: clock.now() }, await core.contextFor(actor, { mallId: at.mallId, serviceId: booking.serviceId }));
      await core.timers.cancel(`${BOOKING_NO_SHOW}:${bookingId}`);
      return found(r.state, bookingId);
    },

    /** The booking becomes a ticket (booking priority from its slot) in one transaction with its check-in. */
    async checkIn(actor: Actor | undefined, bookingId: string, notifyPhone: string): Promise<TicketView> {
      const at = locateBooking(bookingId);
      for (let attempt = 1; ; attempt++) {
        const current = await bookings.read(at.stream);
        const booking = found(current.state, bookingId);
        const facts = await core.facts(booking.serviceId);
        const now = clock.now();
        const today = dayOf(facts.mall, now);
        if (booking.date !== today) throw new AppError('illegal_state', `this booking is for ${booking.date}; today is ${today}`);
        const ticketId = newTicketId(facts.service.queueId, today, seedOf(bookingId));
        // Decided first, so a refused check-in (too early, cancelled) writes no ticket.
        const checkIn = bookingDay.decide({ kind: 'check-in', bookingId, ticketId, earlyMinutes: settings.bookingEarlyMinutes, at: now }, current.state);
        try {
          return await tickets.issue(actor, {
            mallId: booking.mallId,
            serviceId: booking.serviceId,
            source: Source.ONLINE,
            priorityGroup: '',
            notifyPhone,
            requestId: '',
            booking: { id: bookingId, slotStart: timestampDate(booking.slotStart!) },
            ticketId,
            alongside: [{ streamId: at.stream, expectedVersion: current.version, events: [...checkIn] }],
          });
        } catch (error) {
          if (isConcurrencyError(error) && attempt < 3) continue;
          throw error;
        }
      }
    },

    /** The timer after a slot's grace: still booked → no-show; checked in or cancelled → nothing. */
    async noShow(bookingId: string): Promise<void> {
      const at = locateBooking(bookingId);
      const booking = (await bookings.read(at.stream)).state.bookings.get(bookingId);
      await bookings(at.stream, { kind: 'no-show', bookingId, at: clock.now() }, booking ? await core.contextFor(undefined, { mallId: at.mallId, serviceId: booking.serviceId }) : commandContext(undefined, { mallId: at.mallId }));
    },
  };
}
