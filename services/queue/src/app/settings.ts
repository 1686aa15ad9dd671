/** The queue's tunables (from its configuration). */
export interface QueueSettings {
  /** How long a service's facts from the replica are reused (ms). */
  readonly factsCacheMs: number;
  /** Recalls before a no-show when the mall's policy says none. */
  readonly defaultRecallsBeforeNoShow: number;
  readonly bookingSlotMinutes: number;
  /** Share of a slot's capacity offered to bookings (the rest stays for walk-ins). */
  readonly bookingShare: number;
  /** Bookings one phone or device may hold per day (0: no limit). */
  readonly bookingLimitPerHolder: number;
  /** How early before its slot a booking may check in (minutes). */
  readonly bookingEarlyMinutes: number;
  /** After the slot ends, how long until an unchecked booking is a no-show (minutes). */
  readonly bookingNoShowGraceMinutes: number;
  /** Key of the hash that names a booking's holder (phone or device) in events. */
  readonly holderKey: string;
}
