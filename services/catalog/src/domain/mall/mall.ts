import { create, equals } from '@bufbuild/protobuf';
import { MallSchema, NoticeKind, NoticeSchema, OrderingStep, QueuePolicySchema, SpecialDayKind, SpecialDaySchema, type Mall, type Notice, type QueuePolicy, type SpecialDay } from '@mpp/contracts';
import { draft, type Decider, type EventDraft } from '@mpp/eventstore';
import { changedFields } from '../diff.js';
import { MallChanged, MallRegistered, NoticeSet, QueuePolicySet } from '../events.js';
import { validateSchedule } from '@mpp/opening-hours';
import { checkWeekly, isTimeZone, specialDays, TIME_ZONES } from '../hours.js';
import { isDate, SLUG, text, Violations } from '../violations.js';

export interface MallState {
  readonly mall: Mall | undefined;
  readonly policy: QueuePolicy | undefined;
  readonly notice: Notice | undefined;
}

export type MallCommand =
  | { readonly kind: 'put'; readonly mall: Mall }
  | { readonly kind: 'add-holidays'; readonly holidays: readonly SpecialDay[] }
  | { readonly kind: 'set-policy'; readonly policy: QueuePolicy }
  | { readonly kind: 'set-notice'; readonly notice: Notice };

/** A mall: where and when it serves, how it orders its queues, what its boards announce. */
export const mall: Decider<MallState, MallCommand> = {
  initialState: () => ({ mall: undefined, policy: undefined, notice: undefined }),
  evolve(state, event) {
    const m = event.message as unknown as { mall?: Mall; policy?: QueuePolicy; notice?: Notice };
    switch (event.type.name) {
      case MallRegistered.name:
      case MallChanged.name:
        return { ...state, mall: m.mall };
      case QueuePolicySet.name:
        return { ...state, policy: m.policy };
      case NoticeSet.name:
        return { ...state, notice: m.notice };
      default:
        return state;
    }
  },
  decide(command, state): EventDraft[] {
    switch (command.kind) {
      case 'put': {
        // Special days (holidays loaded per year) are kept when a statement lists none: a
        // re-imported malls file must not wipe them.
        const stated = create(MallSchema, command.mall);
        if (stated.specialDays.length === 0 && state.mall) stated.specialDays = state.mall.specialDays;
        return putMall(stated, state.mall);
      }
      case 'add-holidays':
        return addHolidays(command.holidays, existing(state));
      case 'set-policy':
        return setPolicy(create(QueuePolicySchema, command.policy), existing(state));
      case 'set-notice':
        return setNotice(create(NoticeSchema, command.notice), existing(state));
      default: {
        const unknown: never = command;
        throw new Error(`unknown mall command ${JSON.stringify(unknown)}`);
      }
    }
  },
};

function existing(state: MallState): MallState & { mall: Mall } {
  if (!state.mall) new Violations().add('mall_id', 'no such mall').throwIfAny('mall refused');
  return state as MallState & { mall: Mall };
}

function putMall(next: Mall, current: Mall | undefined): EventDraft[] {
  const v = new Violations();
  v.require(SLUG.test(next.id), 'id', 'must be lowercase letters, digits and dashes (e.g. kendari)');
  text(v, 'name', next.name, { required: true });
  text(v, 'city', next.city, { required: true, max: 100 });
  text(v, 'address', next.address, { max: 300 });
  if (!isTimeZone(next.timeZone)) v.add('time_zone', `must be one of ${TIME_ZONES.join(', ')} (WIB, WITA, WIT)`);
  else {
    checkWeekly(v, 'weekly_hours', next.weeklyHours, next.timeZone);
    next.specialDays.forEach((d, i) => {
      v.require(isDate(d.date), `special_days[${i}].date`, 'must be a date YYYY-MM-DD');
      v.require(d.kind === SpecialDayKind.HOLIDAY || d.kind === SpecialDayKind.SPECIAL, `special_days[${i}].kind`, 'must be holiday or special');
      if (d.kind === SpecialDayKind.HOLIDAY) v.require(d.intervals.length === 0, `special_days[${i}].intervals`, 'a holiday is closed all day; use a special day for other hours');
    });
    v.addAll('', validateSchedule({ timeZone: next.timeZone, weekly: {}, specialDays: specialDays(next.specialDays) }).map((x) => ({ ...x, field: x.field.replace(/^specialDays/, 'special_days') })));
  }
  v.throwIfAny('mall refused');
  if (!current) return [draft(MallRegistered, { mall: next })];
  const changed = changedFields(MallSchema, current, next);
  return changed.length === 0 ? [] : [draft(MallChanged, { mall: next, changedFields: changed })];
}

/** Adds the holidays on dates the mall has no special day for (a day set by hand wins). */
function addHolidays(holidays: readonly SpecialDay[], state: { mall: Mall }): EventDraft[] {
  const taken = new Set(state.mall.specialDays.map((d) => d.date));
  const added = holidays.filter((h) => !taken.has(h.date)).map((h) => create(SpecialDaySchema, { ...h, kind: SpecialDayKind.HOLIDAY }));
  if (added.length === 0) return [];
  const days = [...state.mall.specialDays, ...added].sort((a, b) => a.date.localeCompare(b.date));
  return [draft(MallChanged, { mall: { ...state.mall, specialDays: days }, changedFields: ['special_days'] })];
}

/** A call order names each known step once and ends with first in line (so a waiting ticket is always found). */
function callOrder(v: Violations, order: readonly OrderingStep[]): void {
  if (order.length === 0) return;
  const seen = new Set<OrderingStep>();
  order.forEach((step, i) => {
    v.require(step !== OrderingStep.UNSPECIFIED && OrderingStep[step] !== undefined, `call_order[${i}]`, 'must be booking_due, priority or first_in_line');
    v.require(!seen.has(step), `call_order[${i}]`, `${OrderingStep[step]?.toLowerCase() ?? step} is listed twice`);
    seen.add(step);
  });
  v.require(order.at(-1) === OrderingStep.FIRST_IN_LINE, 'call_order', 'must end with first_in_line');
}

function setPolicy(policy: QueuePolicy, state: MallState & { mall: Mall }): EventDraft[] {
  const v = new Violations();
  const codes = new Set<string>();
  policy.priorityGroups.forEach((g, i) => {
    v.require(SLUG.test(g.code), `priority_groups[${i}].code`, 'must be lowercase letters, digits and dashes (e.g. lansia)');
    v.require(!codes.has(g.code), `priority_groups[${i}].code`, `${g.code} is listed twice`);
    codes.add(g.code);
    text(v, `priority_groups[${i}].label_id`, g.labelId, { required: true, max: 80 });
    v.require(g.weight >= 1 && g.weight <= 100, `priority_groups[${i}].weight`, 'must be 1–100');
  });
  v.require(policy.interleaveRatio <= 50, 'interleave_ratio', 'must be 0–50 (0: priority always first)');
  v.require(policy.recallsBeforeNoShow >= 1 && policy.recallsBeforeNoShow <= 10, 'recalls_before_no_show', 'must be 1–10');
  callOrder(v, policy.callOrder);
  v.throwIfAny('queue policy refused');
  if (state.policy && equals(QueuePolicySchema, state.policy, policy)) return [];
  return [draft(QueuePolicySet, { mallId: state.mall.id, policy })];
}

function setNotice(notice: Notice, state: MallState & { mall: Mall }): EventDraft[] {
  const v = new Violations();
  v.require(notice.kind === NoticeKind.INFORMATION || notice.kind === NoticeKind.EMERGENCY, 'kind', 'must be information or emergency');
  if (notice.active) text(v, 'text_id', notice.textId, { required: true, max: 500 });
  text(v, 'text_en', notice.textEn, { max: 500 });
  v.throwIfAny('notice refused');
  if (state.notice && equals(NoticeSchema, state.notice, notice)) return [];
  return [draft(NoticeSet, { mallId: state.mall.id, notice })];
}
