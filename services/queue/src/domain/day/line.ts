import { timestampMs } from '@bufbuild/protobuf/wkt';
import type { Ticket } from '@mpp/contracts';

/** A ticket's place in its queue's line: since when it queues (kept over a transfer), then its number. */
export interface Place {
  readonly since: number;
  readonly sequence: number;
}

export const placeInLine = (t: Ticket): Place => ({ since: t.queuedSince ? timestampMs(t.queuedSince) : 0, sequence: t.sequence });

/** Whether `a` stands behind `b` in line. */
export const later = (a: Place, b: Place): boolean => a.since > b.since || (a.since === b.since && a.sequence > b.sequence);

/** Negative when `a` stands before `b` (a sort comparator). */
export const inLine = (a: Ticket, b: Ticket): number => {
  const pa = placeInLine(a);
  const pb = placeInLine(b);
  return pa.since - pb.since || pa.sequence - pb.sequence;
};
