import { equals } from '@bufbuild/protobuf';
import { BoardSchema, type Board, type ReportingService } from '@mpp/contracts';
import type { Clock } from '@mpp/eventstore';
import type { ServiceImpl } from '@mpp/grpc';
import type pg from 'pg';
import { readBoard } from '../board/query.js';
import { readFairness } from '../fairness/query.js';
import { readSatisfaction } from '../satisfaction/query.js';
import { readStatistics } from '../statistics/query.js';
import { checkExport, exportEvaluation } from '../evaluation/export.js';
import { readEvaluation } from '../evaluation/query.js';
import type { WebhookRpcs } from '../webhooks/api.js';

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
  });

/** What a board shows, whatever the time it was read: a board is sent again only when this changes. */
const shown = (b: Board): Board => ({ ...b, asOf: undefined }) as Board;

/**
 * The reporting API. `WatchBoard` reads the board every `boardPollMs` for as long as the caller
 * stays and sends it when what it shows changed (a call, a new ticket, a notice): a display
 * board needs no more than that, and nothing is kept per subscriber but its last board.
 */
export function reportingApi(deps: { db: pg.Pool; schema: string; clock: Clock; boardPollMs: number }): Omit<ServiceImpl<typeof ReportingService>, keyof WebhookRpcs> {
  const { db, schema, clock } = deps;
  return {
    getBoard: async (req) => ({ board: await readBoard(db, schema, req.mallId, clock.now()) }),
    getSatisfaction: (req, ctx) => readSatisfaction(db, schema, ctx.actor, req, clock.now()),
    getFairness: (req, ctx) => readFairness(db, schema, ctx.actor, req.mallId, req.date),
    getStatistics: (req, ctx) => readStatistics(db, schema, ctx.actor, req),
    getEvaluation: (req, ctx) => readEvaluation(db, schema, ctx.actor, req, clock.now()),
    async exportEvaluation(req, ctx) {
      checkExport(req.format, req.table);
      return exportEvaluation(await readEvaluation(db, schema, ctx.actor, req, clock.now()), req.format, req.table);
    },
    async *watchBoard(req, ctx) {
      let last: Board | undefined;
      while (!ctx.signal.aborted) {
        const board = await readBoard(db, schema, req.mallId, clock.now());
        if (!last || !equals(BoardSchema, shown(last), shown(board))) {
          last = board;
          yield { board };
        }
        await sleep(deps.boardPollMs, ctx.signal);
      }
    },
  };
}
