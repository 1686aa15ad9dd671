import { AgeGroup, Education, Occupation, RespondentProfileSchema, Sex } from '@mpp/contracts';
import { create } from '@bufbuild/protobuf';
import { ELEMENTS } from '@mpp/ikm';
import { describe, expect, it } from 'vitest';
import { QUESTIONS } from '../src/domain/questions.js';
import { ticketSurvey, type TicketSurveyCommand } from '../src/domain/survey/ticket-survey.js';
import { given, history as events } from './given.js';

const T0 = Date.parse('2026-11-23T02:00:00Z'); // Monday 10:00 WITA
const at = (hours: number) => new Date(T0 + hours * 3_600_000);
const open: TicketSurveyCommand = {
  kind: 'open',
  invitation: { ticketId: 't-1', mallId: 'kendari', agencyCode: 'disdukcapil-kendari', serviceId: 'kendari:ktp-el-baru', date: '2026-11-23', completedAt: at(0), expiresAt: at(72) },
};
const profile = create(RespondentProfileSchema, { ageGroup: AgeGroup.AGE_GROUP_30_TO_39, sex: Sex.FEMALE, education: Education.BACHELOR, occupation: Occupation.ENTREPRENEUR });
const respond = (answers: number[], over: Partial<Extract<TicketSurveyCommand, { kind: 'respond' }>> = {}): TicketSurveyCommand => ({ kind: 'respond', answers, profile, suggestion: '', at: at(1), ...over });
const good = [4, 3, 3, 4, 3, 4, 4, 3, 3];

const history = (...commands: TicketSurveyCommand[]) => events(ticketSurvey, ...commands);

describe('a ticket’s survey', () => {
  it('opens once when its service is completed; a redelivered completion opens nothing', () => {
    given(ticketSurvey).when(open).thenTypes(['InvitationOpened']);
    given(ticketSurvey, history(open)).when(open).thenNothing();
  });

  it('takes one response with the nine answers and the profile, without name or phone', () => {
    const [event] = given(ticketSurvey, history(open)).when(respond(good, { suggestion: '  Antrian cepat, terima kasih  ' })).result();
    expect(event!.data).toMatchObject({ response: { ticketId: 't-1', mallId: 'kendari', agencyCode: 'disdukcapil-kendari', serviceId: 'kendari:ktp-el-baru', date: '2026-11-23', answers: good, suggestion: 'Antrian cepat, terima kasih' } });
  });

  it('is idempotent for the same answers and refuses different ones', () => {
    const answered = history(open, respond(good));
    given(ticketSurvey, answered).when(respond(good, { at: at(2) })).thenNothing();
    given(ticketSurvey, answered).when(respond([1, 1, 1, 1, 1, 1, 1, 1, 1])).thenFails('already_exists', /answered already/);
  });

  it('refuses answers outside 1–4, missing elements, a missing profile and oversized text, field by field', () => {
    const ready = history(open);
    given(ticketSurvey, ready).when(respond([4, 3, 5, 4, 0, 4, 4, 3, 3])).thenRefused([{ field: 'answers[2]', reason: 'U3 must be 1–4' }, { field: 'answers[4]', reason: 'U5' }]);
    given(ticketSurvey, ready).when(respond([4, 3, 3])).thenRefused([{ field: 'answers', reason: 'expected 9 answers' }]);
    given(ticketSurvey, ready).when(respond(good, { profile: undefined })).thenRefused([{ field: 'profile.age_group' }, { field: 'profile.sex' }, { field: 'profile.education' }, { field: 'profile.occupation' }]);
    given(ticketSurvey, ready).when(respond(good, { suggestion: 'x'.repeat(1001) })).thenRefused([{ field: 'suggestion', reason: 'longer than 1000' }]);
  });

  it('has nothing to answer before completion (or for a no-show), and nothing once expired', () => {
    given(ticketSurvey).when(respond(good)).thenFails('not_found', /opens when its service is completed/);
    given(ticketSurvey, history(open)).when(respond(good, { at: at(73) })).thenFails('illegal_state', /expired/);
    const expired = history(open, { kind: 'expire', at: at(72) });
    expect(expired.map((e) => e.type.name)).toEqual(['id.mpp.survey.InvitationOpened.v1', 'id.mpp.survey.InvitationExpired.v1']);
    given(ticketSurvey, expired).when(respond(good, { at: at(71) })).thenFails('illegal_state', /expired/);
  });

  it('expires by its timer only when due and still open', () => {
    given(ticketSurvey, history(open)).when({ kind: 'expire', at: at(71) }).thenNothing();
    given(ticketSurvey, history(open, respond(good))).when({ kind: 'expire', at: at(72) }).thenNothing();
    given(ticketSurvey).when({ kind: 'expire', at: at(72) }).thenNothing();
  });

  it('asks the nine official questions in the elements’ order, four answers each', () => {
    expect(QUESTIONS.map((q) => q.code)).toEqual(ELEMENTS.map((e) => e.code));
    expect(QUESTIONS.every((q) => q.textId.endsWith('?') && q.choicesId.length === 4 && q.choicesEn.length === 4)).toBe(true);
  });
});
