import type { SurveyService } from '@mpp/contracts';
import { AppError } from '@mpp/errors';
import type { ServiceImpl } from '@mpp/grpc';
import type { SurveyApp } from '../app/survey-app.js';

function present(value: string, field: string): string {
  if (value === '') throw new AppError('invalid', `${field} is required`, { violations: [{ field, reason: 'is required' }] });
  return value;
}

/** The survey's gRPC API: requests to the application's commands and queries, nothing more. */
export function surveyApi(app: SurveyApp): ServiceImpl<typeof SurveyService> {
  const { surveys, complaints, ikm, publications } = app;
  return {
    getSurvey: (req) => surveys.get(present(req.token, 'token')),
    submitResponse: async (req, ctx) => ({ invitation: await surveys.respond(ctx.actor, present(req.token, 'token'), req.answers, req.profile, req.suggestion) }),
    getIkm: (req, ctx) => ikm.report(ctx.actor, req.mallId, req.unitKind, req.unitId, req.period),
    publishResults: async (req, ctx) => ({ results: await publications.publish(ctx.actor, present(req.mallId, 'mall_id'), present(req.period, 'period')) }),
    getPublishedResults: async (req) => ({ results: await publications.published(req.mallId, req.period) }),
    planFollowUp: async (req, ctx) => ({
      action: await publications.plan(ctx.actor, { mallId: req.mallId, period: req.period, element: req.element, agencyCode: req.agencyCode, action: req.action, owner: req.owner, dueDate: req.dueDate }, req.requestId),
    }),
    setFollowUpStatus: async (req, ctx) => ({ action: await publications.setStatus(ctx.actor, present(req.actionId, 'action_id'), req.status, req.note) }),
    listFollowUps: (req, ctx) => publications.list(ctx.actor, req.mallId, present(req.period, 'period')),
    submitComplaint: async (req, ctx) => ({
      complaint: await complaints.submit(ctx.actor, {
        mallId: req.mallId,
        serviceId: req.serviceId,
        agencyCode: req.agencyCode,
        ticketId: req.ticketId,
        channel: req.channel,
        kind: req.kind,
        category: req.category,
        text: req.text,
        contact: req.contact,
        needsFieldCheck: req.needsFieldCheck,
        requestId: req.requestId,
      }),
    }),
    getComplaint: (req, ctx) => complaints.get(ctx.actor, present(req.complaintId, 'complaint_id')),
    respondComplaint: async (req, ctx) => ({ complaint: await complaints.respond(ctx.actor, present(req.complaintId, 'complaint_id'), req.text) }),
    resolveComplaint: async (req, ctx) => ({ complaint: await complaints.resolve(ctx.actor, present(req.complaintId, 'complaint_id'), req.text) }),
    forwardComplaint: async (req, ctx) => ({ complaint: await complaints.forward(ctx.actor, present(req.complaintId, 'complaint_id'), req.to, req.reason) }),
    listComplaints: async (req, ctx) => ({ complaints: await complaints.list(ctx.actor, req.mallId, req.agencyCode, req.status, req.overdueOnly) }),
  };
}
