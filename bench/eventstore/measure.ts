import { performance } from 'node:perf_hooks';

/** What one side did: operations (commands, sends), events they carried, and the time taken. */
export interface Sample {
  readonly ops: number;
  readonly events: number;
  readonly ms: number;
}

export const rate = (s: Sample) => ({ opsPerSec: (s.ops * 1000) / s.ms, eventsPerSec: (s.events * 1000) / s.ms });

export const add = (a: Sample, b: Sample): Sample => ({ ops: a.ops + b.ops, events: a.events + b.events, ms: a.ms + b.ms });

/** One operation of writer `w`; resolves to the number of events it carried. */
export type Op = (w: number) => Promise<number>;

/**
 * `concurrency` writers loop on `op` until `durationMs` has passed. The clock stops when the last
 * in-flight operation ends, so the tail is counted, not cut off.
 */
export async function runFor(concurrency: number, durationMs: number, op: Op): Promise<Sample> {
  let ops = 0;
  let events = 0;
  const start = performance.now();
  const deadline = start + durationMs;
  await Promise.all(
    Array.from({ length: concurrency }, async (_, w) => {
      while (performance.now() < deadline) {
        const n = await op(w); // not `events += await op(w)`: that reads `events` before the await
        events += n;
        ops++;
      }
    }),
  );
  return { ops, events, ms: performance.now() - start };
}

export interface Timing {
  readonly concurrency: number;
  readonly warmupMs: number;
  /** Length of one measured round; each side runs it twice. */
  readonly roundMs: number;
}

/**
 * Measures several sides of one workload in the same conditions: each warms up, then rounds run
 * in mirrored order (A B C C B A) so drift (table growth, autovacuum, a noisy neighbour) falls
 * on every side alike. Returns each side's summed sample.
 */
export async function compare(timing: Timing, sides: Record<string, Op>): Promise<Record<string, Sample>> {
  const names = Object.keys(sides);
  for (const name of names) await runFor(timing.concurrency, timing.warmupMs, sides[name]!);
  const totals: Record<string, Sample> = Object.fromEntries(names.map((n) => [n, { ops: 0, events: 0, ms: 0 }]));
  for (const name of [...names, ...[...names].reverse()]) {
    totals[name] = add(totals[name]!, await runFor(timing.concurrency, timing.roundMs, sides[name]!));
  }
  return totals;
}

/**
 * Each writer on its own streams: a fresh stream every `streamLength` commands (many short-lived
 * aggregates, as in the services). Returns the stream and its expected version for the next append.
 */
export function ownStreams(prefix: string, eventsPerCommand: number, streamLength = 50) {
  const cursors = new Map<number, { seq: number; version: number }>();
  return (w: number) => {
    const c = cursors.get(w) ?? { seq: 0, version: 0 };
    if (c.version >= streamLength * eventsPerCommand) Object.assign(c, { seq: c.seq + 1, version: 0 });
    const at = { streamId: `${prefix}-w${w}-${c.seq}`, expected: c.version };
    c.version += eventsPerCommand;
    cursors.set(w, c);
    return at;
  };
}
