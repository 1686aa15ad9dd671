import { NoticeKind, OrderingStep, SpecialDayKind } from '@mpp/contracts';
import { draft } from '@mpp/eventstore';
import { describe, expect, it } from 'vitest';
import { MallRegistered } from '../src/domain/events.js';
import { mall } from '../src/domain/mall/mall.js';
import { given } from './given.js';
import { kendari } from './samples.js';

const registered = [draft(MallRegistered, { mall: kendari() })];

describe('mall', () => {
  it('registers a mall, then records nothing for the same statement', () => {
    given(mall).when({ kind: 'put', mall: kendari() }).thenTypes(['MallRegistered']);
    given(mall, registered).when({ kind: 'put', mall: kendari() }).thenNothing();
  });

  it('refuses a time zone outside Indonesia and hours that overlap', () => {
    given(mall)
      .when({ kind: 'put', mall: kendari({ timeZone: 'Asia/Singapore' }) })
      .thenRefused([{ field: 'time_zone', reason: 'Asia/Jakarta, Asia/Makassar, Asia/Jayapura' }]);
    given(mall)
      .when({ kind: 'put', mall: kendari({ weeklyHours: [{ weekday: 1, intervals: [{ open: '08:00', close: '12:00' }, { open: '11:00', close: '15:00' }] }] }) })
      .thenRefused([{ field: 'weekly_hours.mon[1].open' }]);
  });

  it('keeps its special days when a statement lists none (a re-imported malls file), and refuses a holiday with hours', () => {
    const withHoliday = [draft(MallRegistered, { mall: kendari({ specialDays: [{ date: '2026-12-25', name: 'Hari Raya Natal', kind: SpecialDayKind.HOLIDAY, intervals: [] }] }) })];
    given(mall, withHoliday).when({ kind: 'put', mall: kendari() }).thenNothing();
    given(mall)
      .when({ kind: 'put', mall: kendari({ specialDays: [{ date: '2026-12-25', name: 'Natal', kind: SpecialDayKind.HOLIDAY, intervals: [{ open: '08:00', close: '10:00' }] }] }) })
      .thenRefused([{ field: 'special_days[0].intervals', reason: 'closed all day' }]);
  });

  it('adds holidays only on dates without a special day of its own', () => {
    const [event] = given(mall, [draft(MallRegistered, { mall: kendari({ specialDays: [{ date: '2026-08-17', name: 'Upacara, buka siang', kind: SpecialDayKind.SPECIAL, intervals: [{ open: '13:00', close: '16:00' }] }] }) })])
      .when({
        kind: 'add-holidays',
        holidays: [
          { $typeName: 'mpp.catalog.v1.SpecialDay', date: '2026-08-17', name: 'Hari Kemerdekaan', kind: SpecialDayKind.HOLIDAY, intervals: [] },
          { $typeName: 'mpp.catalog.v1.SpecialDay', date: '2026-12-25', name: 'Hari Raya Natal', kind: SpecialDayKind.HOLIDAY, intervals: [] },
        ],
      })
      .result();
    const days = (event!.data as { mall: { specialDays: { date: string; name: string }[] } }).mall.specialDays;
    expect(days.map((d) => `${d.date} ${d.name}`)).toEqual(['2026-08-17 Upacara, buka siang', '2026-12-25 Hari Raya Natal']);
  });

  it('sets a queue policy once; the same policy again records nothing', () => {
    const policy = { $typeName: 'mpp.catalog.v1.QueuePolicy' as const, priorityGroups: [{ $typeName: 'mpp.catalog.v1.PriorityGroup' as const, code: 'lansia', labelId: 'Lansia', labelEn: 'Elderly', weight: 3 }], interleaveRatio: 3, recallsBeforeNoShow: 3, callOrder: [] };
    const first = given(mall, registered).when({ kind: 'set-policy', policy }).result();
    expect(first.map((e) => e.type.name)).toEqual(['id.mpp.catalog.QueuePolicySet.v1']);
    given(mall, [...registered, ...first]).when({ kind: 'set-policy', policy }).thenNothing();
  });

  it('refuses a policy with a group listed twice and no recalls', () => {
    const group = { $typeName: 'mpp.catalog.v1.PriorityGroup' as const, code: 'lansia', labelId: 'Lansia', labelEn: '', weight: 3 };
    given(mall, registered)
      .when({ kind: 'set-policy', policy: { $typeName: 'mpp.catalog.v1.QueuePolicy', priorityGroups: [group, group], interleaveRatio: 3, recallsBeforeNoShow: 0, callOrder: [] } })
      .thenRefused([{ field: 'priority_groups[1].code', reason: 'listed twice' }, { field: 'recalls_before_no_show' }]);
  });

  it('takes a call order that names each step once and ends with first in line', () => {
    const policy = (callOrder: OrderingStep[]) => ({ $typeName: 'mpp.catalog.v1.QueuePolicy' as const, priorityGroups: [], interleaveRatio: 2, recallsBeforeNoShow: 2, callOrder });
    const { PRIORITY, BOOKING_DUE, FIRST_IN_LINE, UNSPECIFIED } = OrderingStep;
    expect(given(mall, registered).when({ kind: 'set-policy', policy: policy([PRIORITY, BOOKING_DUE, FIRST_IN_LINE]) }).result()).toHaveLength(1);
    expect(given(mall, registered).when({ kind: 'set-policy', policy: policy([FIRST_IN_LINE]) }).result()).toHaveLength(1);
    given(mall, registered)
      .when({ kind: 'set-policy', policy: policy([PRIORITY, PRIORITY, UNSPECIFIED, BOOKING_DUE]) })
      .thenRefused([{ field: 'call_order[1]', reason: 'listed twice' }, { field: 'call_order[2]' }, { field: 'call_order', reason: 'must end with first_in_line' }]);
  });

  it('refuses an active emergency notice without text, and anything for a mall that does not exist', () => {
    const notice = { $typeName: 'mpp.catalog.v1.Notice' as const, kind: NoticeKind.EMERGENCY, textId: '', textEn: '', active: true };
    given(mall, registered).when({ kind: 'set-notice', notice }).thenRefused([{ field: 'text_id', reason: 'is required' }]);
    given(mall).when({ kind: 'set-notice', notice: { ...notice, textId: 'Evakuasi' } }).thenRefused([{ field: 'mall_id', reason: 'no such mall' }]);
  });
});
