import { sleep } from './clock.js';
import type { ApiClient } from './http.js';
import { reportedIssued, type MallSetup } from './setup.js';

interface BoardSample {
  readonly prefix: string;
  readonly sequence: number;
  readonly issuedAt: number;
}
interface ReportSample {
  /** How many tickets the report must count (beyond its count before the run) to include this one. */
  readonly ordinal: number;
  readonly issuedAt: number;
}

export interface LagResult {
  samples: number;
  reached: number;
  missed: number;
  readonly lagsMs: number[];
}

/** `A-017` → prefix `A`, sequence 17. */
export function parseNumber(number: string): { prefix: string; sequence: number } | undefined {
  const dash = number.lastIndexOf('-');
  const sequence = Number(number.slice(dash + 1));
  return dash > 0 && Number.isInteger(sequence) ? { prefix: number.slice(0, dash), sequence } : undefined;
}

interface BoardJson {
  counters?: { ticketNumber?: string }[];
  queues?: { prefix?: string; nextNumbers?: string[] }[];
}

/** The highest sequence the board shows per queue prefix (in line or at a counter). */
export function boardHighWater(board: BoardJson): Map<string, number> {
  const high = new Map<string, number>();
  const see = (number: string | undefined) => {
    const parsed = number ? parseNumber(number) : undefined;
    if (parsed) high.set(parsed.prefix, Math.max(high.get(parsed.prefix) ?? 0, parsed.sequence));
  };
  for (const counter of board.counters ?? []) see(counter.ticketNumber);
  for (const queue of board.queues ?? []) for (const number of queue.nextNumbers ?? []) see(number);
  return high;
}

/**
 * End-to-end lag of sampled tickets: from the API's 201 until the mall's board shows the ticket
 * (or a later one of its queue: the board applies a queue's events in order) and until the day
 * report's `issued` counts as many tickets as had been issued at that 201.
 */
export class LagTracker {
  private readonly board = new Map<string, BoardSample[]>();
  private readonly report = new Map<string, ReportSample[]>();
  readonly boardResult: LagResult = { samples: 0, reached: 0, missed: 0, lagsMs: [] };
  readonly reportResult: LagResult = { samples: 0, reached: 0, missed: 0, lagsMs: [] };

  constructor(private readonly api: ApiClient) {}

  sample(mallId: string, number: string, ordinal: number, issuedAt: number): void {
    const parsed = parseNumber(number);
    if (!parsed) return;
    (this.board.get(mallId) ?? this.board.set(mallId, []).get(mallId)!).push({ ...parsed, issuedAt });
    (this.report.get(mallId) ?? this.report.set(mallId, []).get(mallId)!).push({ ordinal, issuedAt });
    this.boardResult.samples++;
    this.reportResult.samples++;
  }

  private pending(): number {
    let n = 0;
    for (const list of [...this.board.values(), ...this.report.values()]) n += list.length;
    return n;
  }

  /** Polls the board and the report of each mall until `signal` aborts and then the samples drain (or `drainMs` passes). */
  async watch(malls: readonly MallSetup[], signal: AbortSignal, drainMs: number): Promise<void> {
    await Promise.all(malls.map((mall) => Promise.all([this.watchBoard(mall, signal, drainMs), this.watchReport(mall, signal, drainMs)])));
    for (const list of this.board.values()) this.boardResult.missed += list.splice(0).length;
    for (const list of this.report.values()) this.reportResult.missed += list.splice(0).length;
  }

  private async loop(signal: AbortSignal, drainMs: number, intervalMs: number, pendingOf: () => number, turn: () => Promise<void>): Promise<void> {
    let drainUntil = Infinity;
    for (;;) {
      if (signal.aborted && drainUntil === Infinity) drainUntil = Date.now() + drainMs;
      if (signal.aborted && (pendingOf() === 0 || Date.now() > drainUntil)) return;
      await turn();
      await sleep(intervalMs);
    }
  }

  private watchBoard(mall: MallSetup, signal: AbortSignal, drainMs: number): Promise<void> {
    const list = this.board.get(mall.id) ?? this.board.set(mall.id, []).get(mall.id)!;
    return this.loop(signal, drainMs, 100, () => list.length, async () => {
      if (list.length === 0) return;
      const r = await this.api.call('GET', '/malls/{mallId}/board', `/malls/${mall.id}/board`);
      if (r.status !== 200) return;
      const now = performance.now();
      const high = boardHighWater(r.body.board as BoardJson);
      for (let i = list.length - 1; i >= 0; i--) {
        const s = list[i]!;
        if ((high.get(s.prefix) ?? 0) >= s.sequence) {
          this.boardResult.lagsMs.push(now - s.issuedAt);
          this.boardResult.reached++;
          list.splice(i, 1);
        }
      }
    });
  }

  private watchReport(mall: MallSetup, signal: AbortSignal, drainMs: number): Promise<void> {
    const list = this.report.get(mall.id) ?? this.report.set(mall.id, []).get(mall.id)!;
    return this.loop(signal, drainMs, 250, () => list.length, async () => {
      if (list.length === 0) return;
      const issued = await reportedIssued(this.api, mall.id, mall.date, mall.adminToken);
      if (issued === undefined) return;
      const now = performance.now();
      for (let i = list.length - 1; i >= 0; i--) {
        const s = list[i]!;
        if (issued - mall.issuedBefore >= s.ordinal) {
          this.reportResult.lagsMs.push(now - s.issuedAt);
          this.reportResult.reached++;
          list.splice(i, 1);
        }
      }
    });
  }

  get pendingCount(): number {
    return this.pending();
  }
}
