/** Latency percentiles by the nearest-rank method (exact on the recorded values). */
export interface Percentiles {
  readonly count: number;
  readonly p50: number;
  readonly p90: number;
  readonly p99: number;
  readonly max: number;
}

/** The nearest-rank percentile of values sorted ascending: the smallest value with at least p% at or below it. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1]!;
}

export function percentiles(values: readonly number[]): Percentiles {
  const sorted = [...values].sort((a, b) => a - b);
  return { count: sorted.length, p50: percentile(sorted, 50), p90: percentile(sorted, 90), p99: percentile(sorted, 99), max: sorted[sorted.length - 1] ?? 0 };
}

/** What one route saw: latencies and outcomes by status (0: no answer). */
export interface RouteStats {
  readonly latenciesMs: number[];
  readonly statuses: Map<number, number>;
  /** Refusals the workload expects (e.g. call-next with no one waiting), by status. */
  readonly expected: Map<number, number>;
}

export class Recorder {
  readonly routes = new Map<string, RouteStats>();

  record(route: string, status: number, ms: number, expectedRefusal: boolean): void {
    let stats = this.routes.get(route);
    if (!stats) {
      stats = { latenciesMs: [], statuses: new Map(), expected: new Map() };
      this.routes.set(route, stats);
    }
    stats.latenciesMs.push(ms);
    const counts = expectedRefusal ? stats.expected : stats.statuses;
    counts.set(status, (counts.get(status) ?? 0) + 1);
  }
}
