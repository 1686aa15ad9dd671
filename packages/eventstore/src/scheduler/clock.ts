/**
 * Where "now" comes from. Everything that decides by time (which timer is due, when to retry)
 * asks a clock instead of calling `new Date()`, so tests move time by hand instead of sleeping.
 *
 * @example
 * const scheduler = createScheduler({ pool, schema: 'queue', clock: systemClock, handlers });
 */
export interface Clock {
  now(): Date;
}

/** The machine's wall clock: what services use in production. */
export const systemClock: Clock = { now: () => new Date() };

/** A clock that moves only when told to; for tests. */
export interface ManualClock extends Clock {
  /** Jumps to `date` (backwards too, like a wall clock corrected by NTP). */
  set(date: Date): void;
  /** Moves forward by `ms` milliseconds. */
  advance(ms: number): void;
}

/**
 * A manual clock starting at `start`. `now()` returns a fresh `Date` each call, so a caller that
 * mutates what it got cannot move the clock.
 *
 * @example
 * const clock = createManualClock(new Date('2030-01-02T08:00:00+08:00'));
 * clock.advance(60_000); // one minute later
 */
export function createManualClock(start: Date): ManualClock {
  let current = validTime(start);
  return {
    now: () => new Date(current),
    set(date) {
      current = validTime(date);
    },
    advance(ms) {
      if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`advance takes a finite, non-negative number of ms, got ${ms}; use set() to go back`);
      current += ms;
    },
  };
}

function validTime(date: Date): number {
  const time = date.getTime();
  if (Number.isNaN(time)) throw new RangeError('invalid date');
  return time;
}
