import { createCommandHandler, type Clock, type EventStore } from '@mpp/eventstore';
import type { Timers } from '@mpp/runtime';
import type pg from 'pg';
import { complaint } from '../domain/complaint/complaint.js';
import { surveyEvents } from '../domain/events.js';
import { ticketSurvey } from '../domain/survey/ticket-survey.js';
import type { Lapor } from '../infra/lapor.js';
import { COMPLAINT_DEADLINE, createComplaints, SEND_TO_LAPOR } from './complaints.js';
import { createIkm } from './ikm.js';
import { createPublications } from './publications.js';
import { followUp } from '../domain/publication/follow-up.js';
import { publication } from '../domain/publication/publication.js';
import { createSurveys, EXPIRE_SURVEY } from './surveys.js';

/**
 * The survey service's application: tickets' surveys (opened by completions, answered once,
 * expired by timer), the IKM per unit and period, and complaints with their deadlines.
 */
export function createSurveyApp(deps: { store: EventStore; db: pg.Pool; schema?: string; clock: Clock; timers: Timers; invitationDays: number; lapor?: Lapor }) {
  const schema = deps.schema ?? 'survey';
  const { store, clock, timers } = deps;
  const surveys = createSurveys({ surveys: createCommandHandler({ store, types: surveyEvents, decider: ticketSurvey }), clock, timers, invitationDays: deps.invitationDays });
  const complaints = createComplaints({ complaints: createCommandHandler({ store, types: surveyEvents, decider: complaint }), db: deps.db, schema, clock, timers, lapor: deps.lapor });
  const ikm = createIkm(deps.db, schema);
  const publications = createPublications({
    publications: createCommandHandler({ store, types: surveyEvents, decider: publication }),
    followUps: createCommandHandler({ store, types: surveyEvents, decider: followUp }),
    ikm,
    db: deps.db,
    schema,
    clock,
    surveyDays: deps.invitationDays,
  });
  timers.handle(EXPIRE_SURVEY, async (timer) => surveys.expire((timer.payload as { ticketId: string }).ticketId));
  // Every complaint reaches SP4N-LAPOR!, however long it is away: retried until it is taken.
  timers.handle(SEND_TO_LAPOR, async (timer) => complaints.sendToLapor((timer.payload as { id: string }).id), { maxAttempts: Number.POSITIVE_INFINITY });
  timers.handle(COMPLAINT_DEADLINE, async (timer) => {
    const p = timer.payload as { id: string; deadline: 'first_response' | 'resolution' };
    await complaints.checkDeadline(p.id, p.deadline);
  });
  return { surveys, complaints, ikm, publications };
}

export type SurveyApp = ReturnType<typeof createSurveyApp>;
