import { create } from '@bufbuild/protobuf';
import { QuestionSchema, Role, type Actor, type Invitation, type Question, type RespondentProfile } from '@mpp/contracts';
import { AppError } from '@mpp/errors';
import type { Clock, CommandHandler } from '@mpp/eventstore';
import type { Timers } from '@mpp/runtime';
import { QUESTIONS } from '../domain/questions.js';
import type { TicketSurveyCommand, TicketSurveyState } from '../domain/survey/ticket-survey.js';
import type { CompletedTicket } from '../infra/tickets.js';
import { commandContext } from './authorize.js';

export const EXPIRE_SURVEY = 'expire-survey';
const DAY_MS = 86_400_000;
const TOKEN = /^[A-Za-z0-9._-]{8,300}$/;
const STAFF: readonly Role[] = [Role.OFFICER, Role.AGENCY_ADMIN, Role.MALL_ADMIN, Role.AUDITOR, Role.PARTNER];

export const surveyStream = (ticketId: string) => `survey-${ticketId}`;

/** The questions as the contract carries them. */
export const questions = (): Question[] => QUESTIONS.map((q) => create(QuestionSchema, { code: q.code, textId: q.textId, textEn: q.textEn, choicesId: [...q.choicesId], choicesEn: [...q.choicesEn] }));

function streamOf(token: string): string {
  if (!TOKEN.test(token)) throw new AppError('not_found', 'no such survey', { violations: [{ field: 'token', reason: 'is not a survey token' }] });
  return surveyStream(token);
}

export function createSurveys(deps: { surveys: CommandHandler<TicketSurveyState, TicketSurveyCommand>; clock: Clock; timers: Timers; invitationDays: number }) {
  const { surveys, clock, timers } = deps;
  return {
    /** A completed ticket's survey opens (the reaction to `TicketCompleted`); its expiry is a timer. */
    async open(ticket: CompletedTicket): Promise<void> {
      const expiresAt = new Date(ticket.completedAt.getTime() + deps.invitationDays * DAY_MS);
      // The command id comes from the ticket: a redelivered completion is the same command.
      const ctx = commandContext(undefined, { mallId: ticket.mallId, agencyCode: ticket.agencyCode, serviceId: ticket.serviceId }, `open-survey:${ticket.ticketId}`);
      await surveys(surveyStream(ticket.ticketId), { kind: 'open', invitation: { ...ticket, completedAt: ticket.completedAt, expiresAt } }, ctx);
      await timers.schedule({ id: `${EXPIRE_SURVEY}:${ticket.ticketId}`, kind: EXPIRE_SURVEY, dueAt: expiresAt, payload: { ticketId: ticket.ticketId } });
    },

    async get(token: string): Promise<{ invitation: Invitation; questions: Question[] }> {
      const { state } = await surveys.read(streamOf(token));
      if (!state.invitation) throw new AppError('not_found', 'no survey for this ticket: a survey opens when its service is completed', { violations: [{ field: 'token', reason: 'no open survey' }] });
      return { invitation: state.invitation, questions: questions() };
    },

    async respond(actor: Actor | undefined, token: string, answers: readonly number[], profile: RespondentProfile | undefined, suggestion: string): Promise<Invitation> {
      // The survey is the citizen's (online or at a kiosk): staff and partners who can see ticket ids must not answer it.
      if (actor && STAFF.includes(actor.role)) throw new AppError('forbidden', `a ${Role[actor.role]!.toLowerCase()} cannot answer a citizen's survey`);
      const stream = streamOf(token);
      const { state } = await surveys.read(stream);
      const inv = state.invitation;
      const ctx = commandContext(actor, { mallId: inv?.mallId ?? '', agencyCode: inv?.agencyCode ?? '', serviceId: inv?.serviceId ?? '' });
      const result = await surveys(stream, { kind: 'respond', answers, profile, suggestion, at: clock.now() }, ctx);
      return result.state.invitation!;
    },

    async expire(ticketId: string): Promise<void> {
      const { state } = await surveys.read(surveyStream(ticketId));
      if (!state.invitation) return;
      await surveys(surveyStream(ticketId), { kind: 'expire', at: clock.now() }, commandContext(undefined, { mallId: state.invitation.mallId, agencyCode: state.invitation.agencyCode, serviceId: state.invitation.serviceId }));
    },
  };
}
