import { create } from '@bufbuild/protobuf';
import { timestampDate } from '@bufbuild/protobuf/wkt';
import { ApplicationSchema, ApplicationStatus } from '@mpp/contracts';
import type { EventDraft } from '@mpp/eventstore';
import { nationalHolidays, weekdayIndexOf } from '@mpp/opening-hours';
import { describe, expect, it } from 'vitest';
import {
  application,
  dueDate,
  isOverdue,
  NOTE_MAX,
  normaliseTrackingCode,
  TRACKING_ALPHABET,
  trackingCode,
  type ApplicationCommand,
  type NewApplication,
} from '../src/domain/application/application.js';
import { queueEvents } from '../src/domain/events.js';
import { given } from './given.js';

// Kendari (WITA, UTC+8): the visit ends Friday 20 November 2026, 10:00 local.
const T0 = Date.parse('2026-11-20T02:00:00Z');
const at = (minutes: number) => new Date(T0 + minutes * 60_000);
const { IN_PROCESS, READY, HANDED_OVER, UNSPECIFIED } = ApplicationStatus;

const kk: NewApplication = {
  id: 'app-1',
  trackingCode: 'KK74-QX9M',
  mallId: 'kendari',
  agencyCode: 'disdukcapil',
  serviceId: 'kendari:kk',
  ticketId: 'ticket-1',
  openedAt: at(0),
  dueDate: '2026-11-25',
};
const open = (over: Partial<NewApplication> = {}): ApplicationCommand => ({ kind: 'open', application: { ...kk, ...over } });
const setStatus = (status: ApplicationStatus, note = '', minute = 60): ApplicationCommand => ({ kind: 'set-status', status, note, at: at(minute) });

/** The events of running `commands` one after another on a new stream. */
function history(...commands: ApplicationCommand[]): EventDraft[] {
  const events: EventDraft[] = [];
  let state = application.initialState();
  for (const c of commands) {
    for (const d of application.decide(c, state)) {
      state = application.evolve(state, queueEvents.decode(queueEvents.encode(d.type, d.data as never)));
      events.push(d);
    }
  }
  return events;
}

const opened = () => history(open());
const ready = () => history(open(), setStatus(READY, 'silakan ambil', 60));
const handedOver = () => history(open(), setStatus(READY, '', 60), setStatus(HANDED_OVER, '', 120));
const iso = (t: Parameters<typeof timestampDate>[0] | undefined) => (t ? timestampDate(t).toISOString() : undefined);

describe('opening an application', () => {
  it('opens it in process with everything the receipt and the tracking page need', () => {
    given(application)
      .when(open())
      .then([
        {
          ApplicationOpened: {
            application: {
              id: 'app-1',
              trackingCode: 'KK74-QX9M',
              mallId: 'kendari',
              agencyCode: 'disdukcapil',
              serviceId: 'kendari:kk',
              ticketId: 'ticket-1',
              openedAt: '2026-11-20T02:00:00Z',
              dueDate: '2026-11-25',
              status: 'APPLICATION_STATUS_IN_PROCESS',
              note: '',
            },
          },
        },
      ]);
    expect(given(application, opened()).state.application).toMatchObject({ id: 'app-1', status: IN_PROCESS, dueDate: '2026-11-25' });
  });

  it('opens the same id once (a retried request), and refuses another id on the same stream', () => {
    given(application, opened()).when(open()).thenNothing();
    given(application, ready()).when(open()).thenNothing();
    given(application, opened()).when(open({ id: 'app-2' })).thenFails('illegal_state', /holds application app-1, not app-2/);
  });

  it('refuses what cannot be an application: missing ids, a malformed tracking code, a due date that is no date', () => {
    given(application).when(open({ mallId: ' ', ticketId: '' })).thenRefused([
      { field: 'mall_id', reason: 'is required' },
      { field: 'ticket_id', reason: 'is required' },
    ]);
    given(application).when(open({ trackingCode: 'kk74qx9m' })).thenRefused([{ field: 'tracking_code' }]);
    given(application).when(open({ trackingCode: 'KK74-QX9U' })).thenRefused([{ field: 'tracking_code' }]);
    given(application).when(open({ dueDate: '2026-02-30' })).thenRefused([{ field: 'due_date' }]);
    given(application).when(open({ openedAt: new Date(Number.NaN) })).thenRefused([{ field: 'opened_at' }]);
  });
});

describe('moving an application along', () => {
  it('marks it ready with the note for the citizen, recording when', () => {
    given(application, opened())
      .when(setStatus(READY, '  silakan ambil di loket 3 ', 60))
      .then([{ ApplicationStatusChanged: { applicationId: 'app-1', status: 'APPLICATION_STATUS_READY', at: '2026-11-20T03:00:00Z', note: 'silakan ambil di loket 3' } }]);
    const app = given(application, ready()).state.application!;
    expect(app).toMatchObject({ status: READY, note: 'silakan ambil' });
    expect(iso(app.readyAt)).toBe('2026-11-20T03:00:00.000Z');
    expect(app.handedOverAt).toBeUndefined();
  });

  it('hands a ready application over, recording when', () => {
    given(application, ready()).when(setStatus(HANDED_OVER, 'diterima pemohon', 120)).thenTypes(['ApplicationStatusChanged']);
    const app = given(application, handedOver()).state.application!;
    expect(app.status).toBe(HANDED_OVER);
    expect(iso(app.readyAt)).toBe('2026-11-20T03:00:00.000Z');
    expect(iso(app.handedOverAt)).toBe('2026-11-20T04:00:00.000Z');
  });

  it('refuses to hand over what is not ready yet', () => {
    given(application, opened()).when(setStatus(HANDED_OVER)).thenFails('illegal_state', /cannot mark application KK74-QX9M handed over: it is in process; it must be ready first/);
  });

  it('never goes back, naming the current status', () => {
    given(application, ready()).when(setStatus(IN_PROCESS)).thenFails('illegal_state', /back to in process: it is ready/);
    given(application, handedOver()).when(setStatus(READY)).thenFails('illegal_state', /back to ready: it is handed over/);
    given(application, handedOver()).when(setStatus(IN_PROCESS)).thenFails('illegal_state', /back to in process: it is handed over/);
  });

  it('changes nothing for the same status and note (a retry), trimmed', () => {
    given(application, ready()).when(setStatus(READY, 'silakan ambil')).thenNothing();
    given(application, ready()).when(setStatus(READY, ' silakan ambil  ')).thenNothing();
    given(application, opened()).when(setStatus(IN_PROCESS, '')).thenNothing();
    given(application, handedOver()).when(setStatus(HANDED_OVER, '')).thenNothing();
  });

  it('updates the note under the same status, keeping when it became ready', () => {
    given(application, opened())
      .when(setStatus(IN_PROCESS, 'menunggu tanda tangan', 30))
      .then([{ ApplicationStatusChanged: { applicationId: 'app-1', status: 'APPLICATION_STATUS_IN_PROCESS', at: '2026-11-20T02:30:00Z', note: 'menunggu tanda tangan' } }]);
    const events = history(open(), setStatus(READY, 'silakan ambil', 60), setStatus(READY, 'ambil sebelum 15:00', 600));
    const app = given(application, events).state.application!;
    expect(app).toMatchObject({ status: READY, note: 'ambil sebelum 15:00' });
    expect(iso(app.readyAt)).toBe('2026-11-20T03:00:00.000Z');
    // An empty note clears the last one.
    given(application, events).when(setStatus(READY, '')).thenTypes(['ApplicationStatusChanged']);
  });

  it('refuses an application that was never opened', () => {
    given(application).when(setStatus(READY)).thenFails('not_found', /no such application/);
  });

  it('refuses a missing status', () => {
    given(application, opened()).when(setStatus(UNSPECIFIED)).thenRefused([{ field: 'status' }]);
    given(application, opened()).when(setStatus(42 as ApplicationStatus)).thenRefused([{ field: 'status' }]);
  });

  it('takes notes of at most 500 characters, with no control characters', () => {
    given(application, opened()).when(setStatus(READY, 'x'.repeat(NOTE_MAX))).thenTypes(['ApplicationStatusChanged']);
    // Characters, not UTF-16 units: 500 emoji fit.
    given(application, opened()).when(setStatus(READY, '📄'.repeat(NOTE_MAX))).thenTypes(['ApplicationStatusChanged']);
    given(application, opened()).when(setStatus(READY, 'x'.repeat(NOTE_MAX + 1))).thenRefused([{ field: 'note', reason: 'at most 500 characters' }]);
    given(application, opened()).when(setStatus(READY, 'baris satu\nbaris dua')).thenRefused([{ field: 'note', reason: /control characters/ }]);
    given(application, opened()).when(setStatus(READY, 'bel\u0007')).thenFails('invalid');
    given(application, opened()).when(setStatus(READY, 'c1\u0085')).thenFails('invalid');
  });
});

describe('dueDate', () => {
  const weekdays = (date: string) => weekdayIndexOf(date) % 6 !== 0;
  const holidays = new Set(nationalHolidays(2026).map((d) => d.date));
  const workingDays = (date: string) => weekdays(date) && !holidays.has(date);

  it('counts working days after the opening day, skipping the weekend', () => {
    // Friday → Mon 23, Tue 24, Wed 25.
    expect(dueDate({ openedLocalDate: '2026-11-20', completionDays: 3, isWorkingDay: weekdays })).toBe('2026-11-25');
    expect(dueDate({ openedLocalDate: '2026-11-23', completionDays: 3, isWorkingDay: weekdays })).toBe('2026-11-26');
    expect(dueDate({ openedLocalDate: '2026-11-20', completionDays: 1, isWorkingDay: weekdays })).toBe('2026-11-23');
    // Opened on a Saturday: the count starts on Monday.
    expect(dueDate({ openedLocalDate: '2026-11-21', completionDays: 1, isWorkingDay: weekdays })).toBe('2026-11-23');
  });

  it('skips holidays', () => {
    // Friday 14 August: the weekend, then Monday 17 August (Proklamasi) → Tue 18, Wed 19, Thu 20.
    expect(dueDate({ openedLocalDate: '2026-08-14', completionDays: 3, isWorkingDay: workingDays })).toBe('2026-08-20');
    // Wednesday 23 December: Thu 24, then Christmas and the weekend → Mon 28.
    expect(dueDate({ openedLocalDate: '2026-12-23', completionDays: 2, isWorkingDay: workingDays })).toBe('2026-12-28');
    // Across the year's end.
    expect(dueDate({ openedLocalDate: '2026-12-30', completionDays: 3, isWorkingDay: workingDays })).toBe('2027-01-04');
  });

  it('is the opening day itself for 0 days, working day or not', () => {
    expect(dueDate({ openedLocalDate: '2026-11-20', completionDays: 0, isWorkingDay: weekdays })).toBe('2026-11-20');
    expect(dueDate({ openedLocalDate: '2026-11-21', completionDays: 0, isWorkingDay: () => false })).toBe('2026-11-21');
  });

  it('gives up clearly on a calendar with no working day, and refuses bad input', () => {
    expect(() => dueDate({ openedLocalDate: '2026-11-20', completionDays: 1, isWorkingDay: () => false })).toThrow(/no working day within 366 days after 2026-11-20/);
    // A working day 366 days on is still found.
    expect(dueDate({ openedLocalDate: '2026-01-01', completionDays: 1, isWorkingDay: (d) => d === '2027-01-02' })).toBe('2027-01-02');
    expect(() => dueDate({ openedLocalDate: '2026-11-20', completionDays: -1, isWorkingDay: weekdays })).toThrow(RangeError);
    expect(() => dueDate({ openedLocalDate: '2026-11-20', completionDays: 1.5, isWorkingDay: weekdays })).toThrow(RangeError);
    expect(() => dueDate({ openedLocalDate: '20-11-2026', completionDays: 1, isWorkingDay: weekdays })).toThrow(/not a calendar date/);
  });
});

describe('isOverdue', () => {
  const app = (status: ApplicationStatus) => create(ApplicationSchema, { id: 'app-1', dueDate: '2026-11-25', status });

  it('is overdue only when still in process after the due date', () => {
    expect(isOverdue(app(IN_PROCESS), '2026-11-24')).toBe(false);
    expect(isOverdue(app(IN_PROCESS), '2026-11-25')).toBe(false);
    expect(isOverdue(app(IN_PROCESS), '2026-11-26')).toBe(true);
    expect(isOverdue(app(IN_PROCESS), '2027-01-02')).toBe(true);
    expect(isOverdue(app(READY), '2026-11-26')).toBe(false);
    expect(isOverdue(app(HANDED_OVER), '2026-11-26')).toBe(false);
  });
});

describe('tracking codes', () => {
  const bytes = (...b: number[]) => Uint8Array.from(b);
  const random = (n: number) => Array.from({ length: n }, (_, i) => trackingCode(crypto.getRandomValues(new Uint8Array(5 + (i % 3)))));

  it('spells 40 bits of the given bytes as XXXX-XXXX, the same bytes always the same code', () => {
    expect(trackingCode(bytes(0, 0, 0, 0, 0))).toBe('0000-0000');
    expect(trackingCode(bytes(255, 255, 255, 255, 255))).toBe('ZZZZ-ZZZZ');
    // 0x0123456789 in 5-bit groups: 0 4 17 20 10 25 28 9.
    expect(trackingCode(bytes(0x01, 0x23, 0x45, 0x67, 0x89))).toBe('04HM-ASW9');
    expect(trackingCode(bytes(0x01, 0x23, 0x45, 0x67, 0x89))).toBe(trackingCode(bytes(0x01, 0x23, 0x45, 0x67, 0x89)));
    // Extra bytes are ignored.
    expect(trackingCode(bytes(0x01, 0x23, 0x45, 0x67, 0x89, 0xff))).toBe('04HM-ASW9');
    expect(trackingCode(bytes(0, 0, 0, 0, 1))).toBe('0000-0001');
    expect(trackingCode(bytes(0, 0, 0, 0, 32))).toBe('0000-0010');
  });

  it('uses the unambiguous alphabet only', () => {
    expect(TRACKING_ALPHABET).toHaveLength(32);
    expect(TRACKING_ALPHABET).not.toMatch(/[ILOU]/);
    for (const code of random(200)) expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
  });

  it('needs 5 bytes', () => {
    expect(() => trackingCode(bytes(1, 2, 3, 4))).toThrow(/needs 5 random bytes, got 4/);
  });
});

describe('normaliseTrackingCode', () => {
  it('round-trips every code, however it is typed', () => {
    for (const code of Array.from({ length: 200 }, () => trackingCode(crypto.getRandomValues(new Uint8Array(5))))) {
      expect(normaliseTrackingCode(code)).toBe(code);
      expect(normaliseTrackingCode(code.toLowerCase().replace('-', ''))).toBe(code);
      expect(normaliseTrackingCode(` ${code.slice(0, 2)} ${code.slice(2).toLowerCase()} `)).toBe(code);
    }
  });

  it('reads O as 0 and I or L as 1', () => {
    expect(normaliseTrackingCode('kk74-qx9m')).toBe('KK74-QX9M');
    expect(normaliseTrackingCode('O0OI-lLi1')).toBe('0001-1111');
    expect(normaliseTrackingCode('KK74 – QX9M')).toBe('KK74-QX9M');
  });

  it('refuses a wrong length or symbols outside the alphabet', () => {
    for (const bad of ['', 'KK74-QX9', 'KK74-QX9MM', 'KK74-QX9U', 'KK74-QX9*', 'KK74_QX9M', 'KK74.QX9M', 'KK74-QX9ß', 'KK74-QXß', 'ＫK74-QX9M']) {
      expect(normaliseTrackingCode(bad), bad).toBeUndefined();
    }
  });
});
