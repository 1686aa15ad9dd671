import { create } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { FollowUpActionSchema, FollowUpStatus, type FollowUpAction } from '@mpp/contracts';
import { AppError, text, Violations } from '@mpp/errors';
import { draft, type Decider, type DecodedEvent, type EventDraft } from '@mpp/eventstore';
import { ELEMENTS, parsePeriod } from '@mpp/ikm';
import { isCalendarDate } from '@mpp/opening-hours';
import { FollowUpPlanned, FollowUpStatusChanged } from '../events.js';

/** An action on an SKM finding (`follow-up-<id>`): planned → in progress → done. */
export interface FollowUpState {
  readonly action: FollowUpAction | undefined;
}

export type FollowUpCommand =
  | { readonly kind: 'plan'; readonly action: Omit<FollowUpAction, '$typeName' | 'status' | 'createdAt' | 'doneAt' | 'note'>; readonly at: Date }
  | { readonly kind: 'set-status'; readonly status: FollowUpStatus; readonly note: string; readonly at: Date };

const ORDER: Record<FollowUpStatus, number> = { [FollowUpStatus.UNSPECIFIED]: -1, [FollowUpStatus.PLANNED]: 0, [FollowUpStatus.IN_PROGRESS]: 1, [FollowUpStatus.DONE]: 2 };

function plan(c: Extract<FollowUpCommand, { kind: 'plan' }>, state: FollowUpState): EventDraft[] {
  if (state.action) return []; // a retried request (same id)
  const a = c.action;
  const v = new Violations();
  v.require(parsePeriod(a.period) !== undefined, 'period', 'is not a period (2026-11, 2026-Q4, 2026-S2, 2026, or a range)');
  v.require(ELEMENTS.some((e) => e.code === a.element), 'element', 'must be one of U1…U9');
  text(v, 'action', a.action, { required: true, max: 1000 });
  text(v, 'owner', a.owner, { required: true, max: 200 });
  v.require(isCalendarDate(a.dueDate), 'due_date', 'must be a date YYYY-MM-DD');
  v.throwIfAny('follow-up refused');
  return [draft(FollowUpPlanned, { action: create(FollowUpActionSchema, { ...a, action: a.action.trim(), owner: a.owner.trim(), status: FollowUpStatus.PLANNED, createdAt: timestampFromDate(c.at) }) })];
}

export const followUp: Decider<FollowUpState, FollowUpCommand> = {
  initialState: () => ({ action: undefined }),
  evolve(state, event: DecodedEvent): FollowUpState {
    const m = event.message as unknown as { action?: FollowUpAction; status?: FollowUpStatus; at?: FollowUpAction['doneAt']; note?: string };
    if (event.type === FollowUpPlanned) return { action: m.action };
    if (event.type === FollowUpStatusChanged && state.action) {
      return { action: { ...state.action, status: m.status!, note: m.note ?? '', ...(m.status === FollowUpStatus.DONE && state.action.status !== FollowUpStatus.DONE ? { doneAt: m.at } : {}) } };
    }
    return state;
  },
  decide(c, state): EventDraft[] {
    if (c.kind === 'plan') return plan(c, state);
    const a = state.action;
    if (!a) throw new AppError('not_found', 'no such follow-up action');
    if (c.status === FollowUpStatus.UNSPECIFIED || FollowUpStatus[c.status] === undefined) throw new AppError('invalid', 'say the status', { violations: [{ field: 'status', reason: 'must be planned, in_progress or done' }] });
    const v = new Violations();
    text(v, 'note', c.note, { max: 1000 });
    v.throwIfAny('refused');
    if (c.status === a.status && c.note.trim() === a.note) return [];
    if (ORDER[c.status] < ORDER[a.status]) throw new AppError('illegal_state', `follow-up ${a.id} is ${FollowUpStatus[a.status]!.toLowerCase()}: it does not go back to ${FollowUpStatus[c.status]!.toLowerCase()}`);
    return [draft(FollowUpStatusChanged, { actionId: a.id, status: c.status, at: timestampFromDate(c.at), note: c.note.trim() })];
  },
};
