import { create } from '@bufbuild/protobuf';
import { timestampFromDate, type Timestamp } from '@bufbuild/protobuf/wkt';
import { ApplicationSchema, ApplicationStatus, type Application } from '@mpp/contracts';
import { AppError, type FieldViolation } from '@mpp/errors';
import { draft, type Decider, type DecodedEvent, type EventDraft } from '@mpp/eventstore';
import { addDays, isCalendarDate } from '@mpp/opening-hours';
import { ApplicationOpened, ApplicationStatusChanged } from '../events.js';

/**
 * One multi-day application (e.g. a family card, ready in a few working days), opened when its
 * visit is completed, tracked by the citizen with a short code. One stream per application.
 */
export interface ApplicationState {
  readonly application: Application | undefined;
}

/** What the Application message is built from when the visit's ticket is completed. */
export interface NewApplication {
  readonly id: string;
  /** From `trackingCode(randomBytes)`, `XXXX-XXXX`. */
  readonly trackingCode: string;
  readonly mallId: string;
  readonly agencyCode: string;
  readonly serviceId: string;
  /** The visit's ticket. */
  readonly ticketId: string;
  readonly openedAt: Date;
  /** The mall's local date it is due, `YYYY-MM-DD` (see `dueDate`). */
  readonly dueDate: string;
}

export type ApplicationCommand =
  | { readonly kind: 'open'; readonly application: NewApplication }
  | {
      readonly kind: 'set-status';
      readonly status: ApplicationStatus;
      /** The officer's word to the citizen ("menunggu tanda tangan"); replaces the last one, '' clears it. */
      readonly note: string;
      readonly at: Date;
    };

/** Most characters (code points) of a note. */
export const NOTE_MAX = 500;

const STATUS_WORD: Record<ApplicationStatus, string> = {
  [ApplicationStatus.UNSPECIFIED]: 'unknown',
  [ApplicationStatus.IN_PROCESS]: 'in process',
  [ApplicationStatus.READY]: 'ready',
  [ApplicationStatus.HANDED_OVER]: 'handed over',
};

/** The order an application moves through; it never goes back. */
const STEP: Partial<Record<ApplicationStatus, number>> = {
  [ApplicationStatus.IN_PROCESS]: 1,
  [ApplicationStatus.READY]: 2,
  [ApplicationStatus.HANDED_OVER]: 3,
};

// C0, DEL and C1 controls (newlines and tabs included: a note is one line on a receipt or an SMS).
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

const ts = (d: Date) => timestampFromDate(d);

function applicationOf(state: ApplicationState): Application {
  if (!state.application) throw new AppError('not_found', 'no such application');
  return state.application;
}

function validateNew(a: NewApplication): void {
  const violations: FieldViolation[] = [];
  const required: [string, string][] = [
    ['id', a.id],
    ['mall_id', a.mallId],
    ['agency_code', a.agencyCode],
    ['service_id', a.serviceId],
    ['ticket_id', a.ticketId],
  ];
  for (const [field, value] of required) if (value.trim() === '') violations.push({ field, reason: 'is required' });
  if (normaliseTrackingCode(a.trackingCode) !== a.trackingCode) violations.push({ field: 'tracking_code', reason: 'must be XXXX-XXXX in the tracking alphabet' });
  if (!isCalendarDate(a.dueDate)) violations.push({ field: 'due_date', reason: 'must be a calendar date (YYYY-MM-DD)' });
  if (Number.isNaN(a.openedAt.getTime())) violations.push({ field: 'opened_at', reason: 'is not a valid instant' });
  if (violations.length > 0) throw new AppError('invalid', `cannot open application: ${violations.map((v) => `${v.field} ${v.reason}`).join('; ')}`, { violations });
}

function validateNote(note: string): void {
  if ([...note].length > NOTE_MAX) throw new AppError('invalid', `the note is longer than ${NOTE_MAX} characters`, { violations: [{ field: 'note', reason: `at most ${NOTE_MAX} characters` }] });
  if (CONTROL.test(note)) throw new AppError('invalid', 'the note has control characters', { violations: [{ field: 'note', reason: 'must not contain control characters (line breaks, tabs)' }] });
}

function open(c: Extract<ApplicationCommand, { kind: 'open' }>, state: ApplicationState): EventDraft[] {
  const existing = state.application;
  // A retried request (same id) opened it already, whatever changed since.
  if (existing) {
    if (existing.id === c.application.id) return [];
    throw new AppError('illegal_state', `this stream holds application ${existing.id}, not ${c.application.id}`);
  }
  validateNew(c.application);
  const a = c.application;
  const application = create(ApplicationSchema, {
    id: a.id,
    trackingCode: a.trackingCode,
    mallId: a.mallId,
    agencyCode: a.agencyCode,
    serviceId: a.serviceId,
    ticketId: a.ticketId,
    openedAt: ts(a.openedAt),
    dueDate: a.dueDate,
    status: ApplicationStatus.IN_PROCESS,
    note: '',
  });
  return [draft(ApplicationOpened, { application })];
}

function setStatus(c: Extract<ApplicationCommand, { kind: 'set-status' }>, state: ApplicationState): EventDraft[] {
  const app = applicationOf(state);
  const to = STEP[c.status];
  if (to === undefined) throw new AppError('invalid', 'say which status', { violations: [{ field: 'status', reason: 'must be in_process, ready or handed_over' }] });
  const note = c.note.trim();
  validateNote(note);
  const from = STEP[app.status] ?? 0;
  if (to === from) {
    // The same status again: a retry (same note) changes nothing; a new note is a note update.
    if (note === app.note) return [];
  } else if (to < from) {
    throw new AppError('illegal_state', `cannot set application ${app.trackingCode} back to ${STATUS_WORD[c.status]}: it is ${STATUS_WORD[app.status]}`);
  } else if (to > from + 1) {
    throw new AppError('illegal_state', `cannot mark application ${app.trackingCode} ${STATUS_WORD[c.status]}: it is ${STATUS_WORD[app.status]}; it must be ready first`);
  }
  return [draft(ApplicationStatusChanged, { applicationId: app.id, status: c.status, at: ts(c.at), note })];
}

/** The application after one more of its events. */
export function evolveApplication(state: ApplicationState, event: DecodedEvent): ApplicationState {
  switch (event.type.name) {
    case ApplicationOpened.name: {
      const m = event.message as unknown as { application?: Application };
      return m.application ? { application: m.application } : state;
    }
    case ApplicationStatusChanged.name: {
      const m = event.message as unknown as { applicationId: string; status: ApplicationStatus; at?: Timestamp; note: string };
      const app = state.application;
      if (!app || app.id !== m.applicationId) return state;
      const changed = app.status !== m.status;
      const application = create(ApplicationSchema, {
        ...app,
        status: m.status,
        note: m.note,
        ...(changed && m.status === ApplicationStatus.READY ? { readyAt: m.at } : {}),
        ...(changed && m.status === ApplicationStatus.HANDED_OVER ? { handedOverAt: m.at } : {}),
      });
      return { application };
    }
    default:
      return state;
  }
}

export const application: Decider<ApplicationState, ApplicationCommand> = {
  initialState: () => ({ application: undefined }),
  evolve: evolveApplication,
  decide(command, state): EventDraft[] {
    switch (command.kind) {
      case 'open':
        return open(command, state);
      case 'set-status':
        return setStatus(command, state);
      default: {
        const unknown: never = command;
        throw new Error(`unknown application command ${JSON.stringify(unknown)}`);
      }
    }
  },
};

/** Most consecutive non-working days `dueDate` looks through before giving up. */
export const MAX_DAYS_WITHOUT_WORK = 366;

/**
 * The local date an application is due: `completionDays` working days after the opening day
 * (which does not count); 0 is the opening day itself.
 *
 * @example
 * // Friday 20 November 2026, weekends off: Mon 23, Tue 24, Wed 25.
 * dueDate({ openedLocalDate: '2026-11-20', completionDays: 3, isWorkingDay: (d) => weekdayIndexOf(d) % 6 !== 0 }); // '2026-11-25'
 */
export function dueDate(input: { readonly openedLocalDate: string; readonly completionDays: number; readonly isWorkingDay: (date: string) => boolean }): string {
  const { openedLocalDate, completionDays, isWorkingDay } = input;
  if (!isCalendarDate(openedLocalDate)) throw new AppError('invalid', `not a calendar date (YYYY-MM-DD): ${String(openedLocalDate)}`);
  if (!Number.isSafeInteger(completionDays) || completionDays < 0) throw new RangeError(`completion days must be a whole number of days, 0 or more: ${completionDays}`);
  let date = openedLocalDate;
  for (let counted = 0; counted < completionDays; counted++) {
    let skipped = 0;
    do {
      if (skipped === MAX_DAYS_WITHOUT_WORK) throw new Error(`no working day within ${MAX_DAYS_WITHOUT_WORK} days after ${addDays(date, -skipped)}: check the calendar`);
      date = addDays(date, 1);
      skipped++;
    } while (!isWorkingDay(date));
  }
  return date;
}

/** Still in process after its due date (`todayLocal` is the mall's local date, `YYYY-MM-DD`). */
export function isOverdue(app: Application, todayLocal: string): boolean {
  return app.status === ApplicationStatus.IN_PROCESS && isCalendarDate(app.dueDate) && todayLocal > app.dueDate;
}

/** Crockford's base32 without I, L, O and U: nothing to misread on a receipt or over the phone. */
export const TRACKING_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const TRACKING_SYMBOLS = 8;
/** 8 symbols of 5 bits. */
export const TRACKING_BYTES = 5;

/**
 * The tracking code of 5 random bytes (the caller draws them with crypto), `XXXX-XXXX`: 40 bits,
 * each symbol 5 of them, so every code is equally likely. Extra bytes are ignored.
 *
 * @example
 * trackingCode(crypto.getRandomValues(new Uint8Array(5))); // 'KK74-QX9M'
 */
export function trackingCode(bytes: Uint8Array): string {
  if (bytes.length < TRACKING_BYTES) throw new RangeError(`a tracking code needs ${TRACKING_BYTES} random bytes, got ${bytes.length}`);
  // 40 bits fit a double exactly.
  let n = 0;
  for (let i = 0; i < TRACKING_BYTES; i++) n = n * 256 + bytes[i]!;
  let symbols = '';
  for (let i = TRACKING_SYMBOLS - 1; i >= 0; i--) symbols += TRACKING_ALPHABET[Math.floor(n / 32 ** i) % 32];
  return `${symbols.slice(0, 4)}-${symbols.slice(4)}`;
}

/**
 * The canonical `XXXX-XXXX` of a code as a citizen types it: case, spaces and dashes do not
 * matter, O reads as 0 and I or L as 1; `undefined` when it cannot be a tracking code.
 *
 * @example
 * normaliseTrackingCode(' kk74 qx9m '); // 'KK74-QX9M'
 * normaliseTrackingCode('KK74-QX9U'); // undefined (no U)
 */
export function normaliseTrackingCode(input: string): string | undefined {
  if (typeof input !== 'string') return undefined;
  const stripped = input.replace(/[\s\-\u2010-\u2015\u2212]/g, '');
  // ASCII letters and digits only, before upper-casing (which maps some other letters to ASCII).
  if (!/^[0-9A-Za-z]{8}$/.test(stripped)) return undefined;
  const compact = stripped.toUpperCase().replace(/O/g, '0').replace(/[IL]/g, '1');
  if (![...compact].every((c) => TRACKING_ALPHABET.includes(c))) return undefined;
  return `${compact.slice(0, 4)}-${compact.slice(4)}`;
}
