import { parseClock } from './calendar.js';
import type { Interval } from './hours.js';

/** An open span in minutes since local midnight, `start` included, `end` excluded. */
export interface Run {
  readonly start: number;
  readonly end: number;
}

/**
 * Sorted, merged runs of intervals. Touching spans merge so that 08:00-12:00 + 12:00-13:00 is
 * one run: the doors do not "open" again at 12:00. Malformed or empty spans are skipped; callers
 * validate first.
 */
export function runsOf(intervals: readonly Interval[]): Run[] {
  const spans: Run[] = [];
  for (const interval of intervals) {
    const start = parseClock(interval.open);
    const end = parseClock(interval.close);
    if (start !== undefined && end !== undefined && start < end) spans.push({ start, end });
  }
  spans.sort((a, b) => a.start - b.start);
  const merged: Run[] = [];
  for (const span of spans) {
    const last = merged.at(-1);
    if (last !== undefined && span.start <= last.end) merged[merged.length - 1] = { start: last.start, end: Math.max(last.end, span.end) };
    else merged.push(span);
  }
  return merged;
}

/** The spans open in both lists (both sorted and merged). */
export function intersectRuns(a: readonly Run[], b: readonly Run[]): Run[] {
  const out: Run[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    const start = Math.max(x.start, y.start);
    const end = Math.min(x.end, y.end);
    if (start < end) out.push({ start, end });
    if (x.end < y.end) i++;
    else j++;
  }
  return out;
}
