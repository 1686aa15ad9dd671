import { create } from '@bufbuild/protobuf';
import { timestampFromDate, timestampMs } from '@bufbuild/protobuf/wkt';
import { ComplaintChannel, ComplaintKind, ComplaintSchema, ComplaintStatus, type Complaint, type Contact } from '@mpp/contracts';
import { AppError, text, Violations } from '@mpp/errors';
import { draft, type Decider, type DecodedEvent, type EventDraft } from '@mpp/eventstore';
import { ComplaintForwarded, ComplaintOverdue, ComplaintReceived, ComplaintResolved, ComplaintResponded, ComplaintSentToLapor } from '../events.js';
import { deadlines } from './deadlines.js';

/** What a complaint is about (the SKM elements' subjects, and other). */
export const CATEGORIES = ['requirements', 'procedure', 'time', 'fee', 'product', 'staff', 'complaint_handling', 'facilities', 'other'] as const;
export const TEXT_MAX = 4000;

export type Deadline = 'first_response' | 'resolution';

/** A complaint (`complaint-<id>`): received → responded → resolved, or forwarded; its deadlines watched. */
export interface ComplaintState {
  readonly complaint: Complaint | undefined;
  readonly overdue: readonly Deadline[];
}

export type ComplaintCommand =
  | {
      readonly kind: 'receive';
      readonly id: string;
      readonly mallId: string;
      readonly agencyCode: string;
      readonly serviceId: string;
      readonly ticketId: string;
      readonly channel: ComplaintChannel;
      readonly complaintKind: ComplaintKind;
      readonly category: string;
      readonly text: string;
      readonly contact: Omit<Contact, '$typeName'> | undefined;
      readonly needsFieldCheck: boolean;
      readonly at: Date;
    }
  | { readonly kind: 'respond'; readonly text: string; readonly at: Date }
  | { readonly kind: 'resolve'; readonly text: string; readonly at: Date }
  | { readonly kind: 'forward'; readonly to: string; readonly reason: string; readonly at: Date }
  | { readonly kind: 'check-deadline'; readonly deadline: Deadline; readonly at: Date }
  | { readonly kind: 'sent-to-lapor'; readonly reference: string; readonly at: Date };

const known = <E extends Record<string, string | number>>(e: E, value: number) => value !== 0 && e[value] !== undefined;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?[0-9][0-9 ().-]{6,20}$/;

function validateIntake(c: Extract<ComplaintCommand, { kind: 'receive' }>): void {
  const v = new Violations();
  v.require(c.mallId !== '', 'mall_id', 'is required');
  v.require(known(ComplaintChannel, c.channel), 'channel', 'is required');
  v.require(known(ComplaintKind, c.complaintKind), 'kind', 'must be information_request, complaint or dispute');
  v.require((CATEGORIES as readonly string[]).includes(c.category), 'category', c.category === '' ? 'is required' : `must be one of ${CATEGORIES.join(', ')}`);
  text(v, 'text', c.text, { required: true, max: TEXT_MAX });
  v.require(!c.needsFieldCheck || c.complaintKind === ComplaintKind.DISPUTE, 'needs_field_check', 'only a dispute needs a field check');
  if (c.contact) {
    text(v, 'contact.name', c.contact.name, { max: 100 });
    v.require(c.contact.phone === '' || PHONE.test(c.contact.phone), 'contact.phone', 'is not a phone number');
    v.require(c.contact.email === '' || (EMAIL.test(c.contact.email) && c.contact.email.length <= 200), 'contact.email', 'is not an email address');
  }
  v.throwIfAny('complaint refused');
}

function current(state: ComplaintState): Complaint {
  if (!state.complaint) throw new AppError('not_found', 'no such complaint');
  return state.complaint;
}

const STATUS_WORD: Record<ComplaintStatus, string> = {
  [ComplaintStatus.UNSPECIFIED]: 'unknown',
  [ComplaintStatus.RECEIVED]: 'received',
  [ComplaintStatus.RESPONDED]: 'responded to',
  [ComplaintStatus.RESOLVED]: 'resolved',
  [ComplaintStatus.FORWARDED]: 'forwarded',
};

function must(c: Complaint, allowed: readonly ComplaintStatus[], doing: string): void {
  if (!allowed.includes(c.status)) throw new AppError('illegal_state', `cannot ${doing} complaint ${c.id}: it is ${STATUS_WORD[c.status]}`);
}

function answer(field: string, value: string): void {
  const v = new Violations();
  text(v, field, value, { required: true, max: TEXT_MAX });
  v.throwIfAny('refused');
}

/** Whether the step a deadline asks for has been taken. */
const met = (c: Complaint, deadline: Deadline) =>
  deadline === 'first_response' ? c.status !== ComplaintStatus.RECEIVED : c.status === ComplaintStatus.RESOLVED || c.status === ComplaintStatus.FORWARDED;

export const complaint: Decider<ComplaintState, ComplaintCommand> = {
  initialState: () => ({ complaint: undefined, overdue: [] }),
  evolve(state, event: DecodedEvent): ComplaintState {
    const m = event.message as unknown as Record<string, unknown> & { at?: Complaint['receivedAt'] };
    const c = state.complaint;
    switch (event.type.name) {
      case ComplaintReceived.name:
        return { ...state, complaint: m.complaint as Complaint };
      case ComplaintResponded.name:
        return c ? { ...state, complaint: { ...c, status: ComplaintStatus.RESPONDED, respondedAt: m.at } } : state;
      case ComplaintResolved.name:
        return c ? { ...state, complaint: { ...c, status: ComplaintStatus.RESOLVED, resolvedAt: m.at, respondedAt: c.respondedAt ?? m.at } } : state;
      case ComplaintForwarded.name:
        return c ? { ...state, complaint: { ...c, status: ComplaintStatus.FORWARDED, forwardedTo: m.to as string, forwardedAt: m.at, respondedAt: c.respondedAt ?? m.at } } : state;
      case ComplaintOverdue.name:
        return { ...state, overdue: [...state.overdue, m.deadline as Deadline] };
      case ComplaintSentToLapor.name:
        return c ? { ...state, complaint: { ...c, laporReference: m.reference as string } } : state;
      default:
        return state;
    }
  },
  decide(command, state): EventDraft[] {
    const at = timestampFromDate(command.at);
    switch (command.kind) {
      case 'receive': {
        if (state.complaint) return []; // a retried intake (same id) records nothing new
        validateIntake(command);
        const due = deadlines(command.complaintKind, command.needsFieldCheck, command.at);
        const contact = command.contact && (command.contact.name || command.contact.phone || command.contact.email) ? command.contact : undefined;
        const complaint = create(ComplaintSchema, {
          id: command.id,
          mallId: command.mallId,
          agencyCode: command.agencyCode,
          serviceId: command.serviceId,
          ticketId: command.ticketId,
          channel: command.channel,
          kind: command.complaintKind,
          category: command.category,
          text: command.text.trim(),
          // The contact stays out of the event (the app keeps it aside); the event says there is one.
          hasContact: contact !== undefined,
          needsFieldCheck: command.needsFieldCheck,
          receivedAt: at,
          respondBy: timestampFromDate(due.respondBy),
          resolveBy: timestampFromDate(due.resolveBy),
          status: ComplaintStatus.RECEIVED,
        });
        return [draft(ComplaintReceived, { complaint })];
      }
      case 'respond': {
        const c = current(state);
        must(c, [ComplaintStatus.RECEIVED], 'respond to');
        answer('text', command.text);
        return [draft(ComplaintResponded, { complaintId: c.id, at, text: command.text.trim() })];
      }
      case 'resolve': {
        const c = current(state);
        must(c, [ComplaintStatus.RECEIVED, ComplaintStatus.RESPONDED], 'resolve');
        answer('text', command.text);
        return [draft(ComplaintResolved, { complaintId: c.id, at, text: command.text.trim() })];
      }
      case 'forward': {
        const c = current(state);
        must(c, [ComplaintStatus.RECEIVED, ComplaintStatus.RESPONDED], 'forward');
        const v = new Violations();
        text(v, 'to', command.to, { required: true, max: 200 });
        text(v, 'reason', command.reason, { required: true, max: TEXT_MAX });
        v.throwIfAny('forward refused');
        return [draft(ComplaintForwarded, { complaintId: c.id, at, to: command.to.trim(), reason: command.reason.trim() })];
      }
      case 'check-deadline': {
        const c = state.complaint;
        if (!c || state.overdue.includes(command.deadline)) return [];
        const due = command.deadline === 'first_response' ? c.respondBy : c.resolveBy;
        if (!due) return [];
        // Taken in time: nothing. Taken late (a timer that fired late), or not taken and due: overdue.
        const done = command.deadline === 'first_response' ? c.respondedAt : (c.resolvedAt ?? c.forwardedAt);
        if (done ? timestampMs(done) <= timestampMs(due) : command.at.getTime() < timestampMs(due)) return [];
        return [draft(ComplaintOverdue, { complaintId: c.id, at, deadline: command.deadline })];
      }
      case 'sent-to-lapor': {
        const c = current(state);
        if (c.laporReference !== '') return [];
        const v = new Violations();
        text(v, 'reference', command.reference, { required: true, max: 100 });
        v.throwIfAny('SP4N-LAPOR! reference refused');
        return [draft(ComplaintSentToLapor, { complaintId: c.id, at, reference: command.reference.trim() })];
      }
      default: {
        const unknown: never = command;
        throw new Error(`unknown complaint command ${JSON.stringify(unknown)}`);
      }
    }
  },
};

/** Whether a complaint is past a deadline whose step is not taken (for lists; the timer records it). */
export function overdueAt(c: Complaint, now: Date): Deadline[] {
  const late: Deadline[] = [];
  if (!met(c, 'first_response') && c.respondBy && now.getTime() >= timestampMs(c.respondBy)) late.push('first_response');
  if (!met(c, 'resolution') && c.resolveBy && now.getTime() >= timestampMs(c.resolveBy)) late.push('resolution');
  return late;
}
