import { create, equals } from '@bufbuild/protobuf';
import { timestampFromDate, timestampMs } from '@bufbuild/protobuf/wkt';
import { AgeGroup, Education, InvitationSchema, InvitationStatus, Occupation, RespondentProfileSchema, Sex, SurveyResponseSchema, type Invitation, type RespondentProfile, type SurveyResponse } from '@mpp/contracts';
import { AppError, text, Violations } from '@mpp/errors';
import { draft, type Decider, type DecodedEvent, type EventDraft } from '@mpp/eventstore';
import { answersProblem, ELEMENTS } from '@mpp/ikm';
import { InvitationExpired, InvitationOpened, ResponseSubmitted } from '../events.js';

/** A ticket's survey (`survey-<ticketId>`): open once its service is completed, answered once, or expired. */
export interface TicketSurveyState {
  readonly invitation: Invitation | undefined;
  readonly response: SurveyResponse | undefined;
}

export type TicketSurveyCommand =
  | { readonly kind: 'open'; readonly invitation: Omit<Invitation, '$typeName' | 'status' | 'completedAt' | 'expiresAt'> & { readonly completedAt: Date; readonly expiresAt: Date } }
  | { readonly kind: 'expire'; readonly at: Date }
  | { readonly kind: 'respond'; readonly answers: readonly number[]; readonly profile: RespondentProfile | undefined; readonly suggestion: string; readonly at: Date };

export const SUGGESTION_MAX = 1000;

const known = <E extends Record<string, string | number>>(e: E, value: number) => value !== 0 && e[value] !== undefined;

function validate(c: Extract<TicketSurveyCommand, { kind: 'respond' }>): void {
  const v = new Violations();
  const problem = answersProblem(c.answers);
  if (problem) {
    if (c.answers.length !== ELEMENTS.length) v.add('answers', problem);
    else c.answers.forEach((a, i) => v.require(Number.isInteger(a) && a >= 1 && a <= 4, `answers[${i}]`, `${ELEMENTS[i]!.code} must be 1–4`));
  }
  const p = c.profile;
  v.require(!!p && known(AgeGroup, p.ageGroup), 'profile.age_group', 'is required');
  v.require(!!p && known(Sex, p.sex), 'profile.sex', 'is required');
  v.require(!!p && known(Education, p.education), 'profile.education', 'is required');
  v.require(!!p && known(Occupation, p.occupation), 'profile.occupation', 'is required');
  text(v, 'suggestion', c.suggestion, { max: SUGGESTION_MAX });
  v.throwIfAny('survey response refused');
}

function respond(c: Extract<TicketSurveyCommand, { kind: 'respond' }>, state: TicketSurveyState): EventDraft[] {
  const inv = state.invitation;
  // Unknown ticket, not completed yet, a no-show: none of them has a survey to answer.
  if (!inv) throw new AppError('not_found', 'no survey for this ticket: a survey opens when its service is completed', { violations: [{ field: 'token', reason: 'no open survey' }] });
  validate(c);
  const response = create(SurveyResponseSchema, {
    ticketId: inv.ticketId,
    mallId: inv.mallId,
    agencyCode: inv.agencyCode,
    serviceId: inv.serviceId,
    date: inv.date,
    answers: [...c.answers],
    profile: create(RespondentProfileSchema, c.profile!),
    suggestion: c.suggestion.trim(),
    submittedAt: timestampFromDate(c.at),
  });
  if (state.response) {
    // A repeated submission (a double tap, a retry) changes nothing; a different one is refused.
    const same = equals(SurveyResponseSchema, { ...state.response, submittedAt: response.submittedAt }, response);
    if (same) return [];
    throw new AppError('already_exists', 'this ticket’s survey has been answered already', { violations: [{ field: 'token', reason: 'answered already' }] });
  }
  if (inv.status === InvitationStatus.EXPIRED || (inv.expiresAt && c.at.getTime() > timestampMs(inv.expiresAt))) {
    throw new AppError('illegal_state', 'this survey has expired', { violations: [{ field: 'token', reason: 'expired' }] });
  }
  return [draft(ResponseSubmitted, { response })];
}

export const ticketSurvey: Decider<TicketSurveyState, TicketSurveyCommand> = {
  initialState: () => ({ invitation: undefined, response: undefined }),
  evolve(state, event: DecodedEvent): TicketSurveyState {
    const m = event.message as unknown as Record<string, unknown>;
    switch (event.type.name) {
      case InvitationOpened.name:
        return { ...state, invitation: m.invitation as Invitation };
      case InvitationExpired.name:
        return state.invitation ? { ...state, invitation: { ...state.invitation, status: InvitationStatus.EXPIRED } } : state;
      case ResponseSubmitted.name:
        return { invitation: state.invitation ? { ...state.invitation, status: InvitationStatus.ANSWERED } : undefined, response: m.response as SurveyResponse };
      default:
        return state;
    }
  },
  decide(command, state): EventDraft[] {
    switch (command.kind) {
      case 'open': {
        // A redelivered completion opens nothing new.
        if (state.invitation) return [];
        const { completedAt, expiresAt, ...rest } = command.invitation;
        return [draft(InvitationOpened, { invitation: create(InvitationSchema, { ...rest, completedAt: timestampFromDate(completedAt), expiresAt: timestampFromDate(expiresAt), status: InvitationStatus.OPEN }) })];
      }
      case 'expire': {
        const inv = state.invitation;
        if (!inv || inv.status !== InvitationStatus.OPEN || !inv.expiresAt || command.at.getTime() < timestampMs(inv.expiresAt)) return [];
        return [draft(InvitationExpired, { ticketId: inv.ticketId, at: timestampFromDate(command.at) })];
      }
      case 'respond':
        return respond(command, state);
      default: {
        const unknown: never = command;
        throw new Error(`unknown survey command ${JSON.stringify(unknown)}`);
      }
    }
  },
};
