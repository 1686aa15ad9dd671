import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { AppError } from '@mpp/errors';
import { draft, type Decider, type EventDraft } from '@mpp/eventstore';
import { CounterClosed, CounterFreed, CounterOpened, CounterPaused, CounterTookTicket } from '../events.js';

/** A loket (counter) as the queue service keeps it: who works it, for what, and its ticket in hand. */
export interface CounterState {
  readonly status: 'closed' | 'open' | 'paused';
  readonly mallId: string;
  readonly officer: string;
  readonly serviceIds: readonly string[];
  /** One ticket at a time. */
  readonly current: { readonly ticketId: string; readonly queueDay: string } | undefined;
}

export type CounterCommand =
  | {
      readonly kind: 'open';
      readonly counterId: string;
      readonly mallId: string;
      readonly officer: string;
      readonly serviceIds: readonly string[];
      readonly at: Date;
      /** From the roster: may this officer open this counter, and does it serve these services? */
      readonly facts: { readonly allowed: boolean; readonly why: string; readonly unknownServices: readonly string[] };
    }
  | { readonly kind: 'pause'; readonly counterId: string; readonly officer: string; readonly at: Date }
  | { readonly kind: 'close'; readonly counterId: string; readonly officer: string; readonly at: Date }
  | { readonly kind: 'take'; readonly counterId: string; readonly officer: string; readonly ticketId: string; readonly queueDay: string; readonly at: Date }
  | { readonly kind: 'free'; readonly counterId: string; readonly ticketId: string; readonly at: Date };

const ts = (d: Date) => timestampFromDate(d);

function working(state: CounterState, counterId: string, officer: string): void {
  if (state.status !== 'open') throw new AppError('illegal_state', `counter ${counterId} is ${state.status}; open it first`);
  if (state.officer !== officer) throw new AppError('forbidden', `counter ${counterId} is worked by another officer`);
}

/** Who may act on the ticket at a counter: its officer, while the counter is open or paused (a paused counter finishes its ticket). */
export function workedBy(state: CounterState, counterId: string, officer: string): void {
  if (state.status === 'closed') throw new AppError('illegal_state', `counter ${counterId} is closed; open it first`);
  if (state.officer !== officer) throw new AppError('forbidden', `counter ${counterId} is worked by another officer`);
}

export const counter: Decider<CounterState, CounterCommand> = {
  initialState: () => ({ status: 'closed', mallId: '', officer: '', serviceIds: [], current: undefined }),
  evolve(state, event) {
    const m = event.message as unknown as { mallId?: string; officer?: string; serviceIds?: string[]; ticketId?: string; queueDay?: string };
    switch (event.type.name) {
      case CounterOpened.name:
        return { ...state, status: 'open', mallId: m.mallId!, officer: m.officer!, serviceIds: m.serviceIds! };
      case CounterPaused.name:
        return { ...state, status: 'paused' };
      case CounterClosed.name:
        return { ...state, status: 'closed', officer: '' };
      case CounterTookTicket.name:
        return { ...state, current: { ticketId: m.ticketId!, queueDay: m.queueDay! } };
      case CounterFreed.name:
        return state.current?.ticketId === m.ticketId ? { ...state, current: undefined } : state;
      default:
        return state;
    }
  },
  decide(c, state): EventDraft[] {
    switch (c.kind) {
      case 'open': {
        if (!c.facts.allowed) throw new AppError('forbidden', c.facts.why);
        if (c.serviceIds.length === 0) throw new AppError('invalid', 'open a counter for at least one service', { violations: [{ field: 'service_ids', reason: 'names no service' }] });
        if (c.facts.unknownServices.length > 0) {
          throw new AppError('invalid', `this counter does not serve ${c.facts.unknownServices.join(', ')}`, { violations: c.facts.unknownServices.map((s) => ({ field: 'service_ids', reason: `${s} is not a service of this counter's agency` })) });
        }
        if (state.status === 'open' && state.officer !== c.officer) throw new AppError('illegal_state', `counter ${c.counterId} is open for another officer; they close it first`);
        if (state.status === 'open' && state.serviceIds.join() === c.serviceIds.join()) return [];
        return [draft(CounterOpened, { counterId: c.counterId, mallId: c.mallId, officer: c.officer, serviceIds: [...c.serviceIds], at: ts(c.at) })];
      }
      case 'pause':
        working(state, c.counterId, c.officer);
        return [draft(CounterPaused, { counterId: c.counterId, at: ts(c.at) })];
      case 'close':
        if (state.status === 'closed') return [];
        if (state.officer !== c.officer) throw new AppError('forbidden', `counter ${c.counterId} is worked by another officer`);
        if (state.current) throw new AppError('illegal_state', `finish ticket ${state.current.ticketId} before closing counter ${c.counterId}`);
        return [draft(CounterClosed, { counterId: c.counterId, at: ts(c.at) })];
      case 'take':
        working(state, c.counterId, c.officer);
        if (state.current) throw new AppError('illegal_state', `counter ${c.counterId} still has ticket ${state.current.ticketId}; complete, transfer or mark it a no-show first`);
        return [draft(CounterTookTicket, { counterId: c.counterId, ticketId: c.ticketId, queueDay: c.queueDay, at: ts(c.at) })];
      case 'free':
        if (state.current?.ticketId !== c.ticketId) return [];
        return [draft(CounterFreed, { counterId: c.counterId, ticketId: c.ticketId, at: ts(c.at) })];
      default: {
        const unknown: never = c;
        throw new Error(`unknown counter command ${JSON.stringify(unknown)}`);
      }
    }
  },
};
