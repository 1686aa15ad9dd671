import { UsageError } from './errors.js';

/**
 * `mpp partner replay --from`: a date (00:00 that day) or a date-time, in the time zone `--tz`
 * unless the text names its own offset (`Z`, `+08:00`).
 */

export const DEFAULT_TIME_ZONE = 'Asia/Jakarta';

const MOMENT = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
const OFFSET = /^([+-])(\d{2}):?(\d{2})$/;

/** Parses `--from`; `zone` is an IANA name (Asia/Makassar) or a fixed offset (+08:00, UTC). */
export function parseMoment(text: string, zone: string = DEFAULT_TIME_ZONE): Date {
  const m = MOMENT.exec(text.trim());
  if (!m) {
    throw new UsageError(`--from "${text}" is not a date: write YYYY-MM-DD (00:00 in --tz) or an ISO date-time such as 2026-03-01T08:00 or 2026-03-01T08:00:00+08:00`);
  }
  const [, y, mo, d, h = '0', mi = '0', s = '0', ms = '0', offset] = m;
  const fields = [Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), Number(ms.padEnd(3, '0'))] as const;
  const asUtc = Date.UTC(...fields);
  const back = new Date(asUtc);
  if (back.getUTCMonth() !== fields[1] || back.getUTCDate() !== fields[2] || fields[3] > 23 || fields[4] > 59 || fields[5] > 59) {
    throw new UsageError(`--from "${text}" is not a real date or time`);
  }
  if (offset) return new Date(asUtc - offsetMs(offset === 'Z' ? '+00:00' : offset));
  return new Date(localToInstant(asUtc, checkZone(zone)));
}

/** Checks `--tz`: an IANA zone or a fixed offset; returns it in a form {@link zoneOffsetMs} reads. */
export function checkZone(zone: string): string {
  if (zone === 'UTC' || zone === 'Z') return '+00:00';
  if (OFFSET.test(zone)) return zone;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return zone;
  } catch {
    throw new UsageError(`--tz "${zone}" is not a time zone: write an IANA name (Asia/Jakarta, Asia/Makassar, Asia/Jayapura) or an offset such as +07:00`);
  }
}

function offsetMs(offset: string): number {
  const [, sign, h, m] = OFFSET.exec(offset)!;
  return (sign === '-' ? -1 : 1) * (Number(h) * 60 + Number(m)) * 60_000;
}

/** How far `zone`'s wall clock is ahead of UTC at `instant`. */
function zoneOffsetMs(zone: string, instant: number): number {
  if (OFFSET.test(zone)) return offsetMs(zone);
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
  }).formatToParts(new Date(instant));
  const part = (type: Intl.DateTimeFormatPartTypes): number => Number(parts.find((p) => p.type === type)!.value);
  const wall = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second'));
  return wall - (instant - (((instant % 1000) + 1000) % 1000));
}

/** The instant whose wall clock in `zone` reads `wall` (given as if it were UTC). */
function localToInstant(wall: number, zone: string): number {
  const first = wall - zoneOffsetMs(zone, wall);
  const second = wall - zoneOffsetMs(zone, first); // right across a daylight-saving change
  return second;
}
