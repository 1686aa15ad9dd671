import { sleep } from './clock.js';
import type { Arrival } from './plan.js';
import { realMs, type MallRun, type RunContext } from './run-state.js';

/** One slot as `GET /malls/{mallId}/services/{serviceId}/slots` answers it. */
export interface SlotJson {
  readonly start: string;
  readonly end: string;
  readonly capacity: number;
  readonly booked?: number;
}

/** A booking is not made for a slot ending sooner than this (the request must still find it open). */
const SLOT_END_MARGIN_MS = 5_000;

/**
 * The slot a citizen who will check in at `checkInAtMs` books at `nowMs` (both wall-clock ms): one
 * that has begun by the check-in (so it is never too early, whatever the mall allows), has not ended
 * yet and has room — the latest such, i.e. the slot of the check-in when it has room. The real clock
 * runs slower than the simulated day, so these are the slots of the next few real minutes.
 */
export function chooseSlot(slots: readonly SlotJson[], nowMs: number, checkInAtMs: number): SlotJson | undefined {
  let chosen: SlotJson | undefined;
  for (const slot of slots) {
    const start = Date.parse(slot.start);
    const end = Date.parse(slot.end);
    if (!(start <= checkInAtMs && end > nowMs + SLOT_END_MARGIN_MS && (slot.booked ?? 0) < slot.capacity)) continue;
    if (!chosen || start > Date.parse(chosen.start)) chosen = slot;
  }
  return chosen;
}

/** Wall-clock ms of a performance.now() instant. */
const wallOf = (perfMs: number): number => Date.now() + (perfMs - performance.now());

/**
 * Books a slot for a planned arrival (at its booking time); resolves with the booking id, or
 * undefined when no slot that fits has room (the citizen then walks in and takes a kiosk ticket).
 */
export async function book(context: RunContext, mall: MallRun, arrival: Arrival, holder: string): Promise<string | undefined> {
  const { setup, counts } = mall;
  const token = setup.kioskToken;
  const slots = await context.api.call('GET', '/malls/{mallId}/services/{serviceId}/slots', `/malls/${setup.id}/services/${arrival.serviceId}/slots?date=${setup.date}`, { token });
  if (slots.status !== 200) return undefined;
  const checkInAt = wallOf(context.startedAt + realMs(context, arrival.atSec));
  const slot = chooseSlot((slots.body?.slots as SlotJson[] | undefined) ?? [], Date.now(), checkInAt);
  if (!slot) {
    counts.bookingsRefused++;
    return undefined;
  }
  // Bookings come from citizens' phones; the generator sends them with the kiosk's token, since
  // anonymous callers are rate-limited per address and it is one address. A device id per booking
  // keeps the per-holder limit out of the way.
  const r = await context.api.call('POST', '/bookings', '/bookings', { token, body: { mallId: setup.id, serviceId: arrival.serviceId, slotStart: slot.start, deviceId: holder, requestId: holder }, expected: [409] });
  if (r.status !== 201 && r.status !== 200) {
    counts.bookingsRefused++;
    return undefined;
  }
  counts.bookings++;
  return r.body.booking.id as string;
}

/** Waits for the arrival's time, unless the run ends first (then the booking stays unused: undefined). */
export async function untilArrival(context: RunContext, arrival: Arrival): Promise<boolean> {
  await sleep(context.startedAt + realMs(context, arrival.atSec) - performance.now(), context.signal);
  return !context.signal.aborted;
}
