import { ComplaintStatusSchema, SurveyService } from '@mpp/contracts';
import type { RoleName } from '../auth/roles.js';
import { enumWords } from '../http/proto-json.js';
import { PERIOD, PUBLIC, rpcRoute, type RouteSpec } from './route.js';

const m = SurveyService.method;
const COMPLAINT_STAFF: readonly RoleName[] = ['agency-admin', 'mall-admin'];
const FOLLOW_UP: readonly RoleName[] = ['agency-admin', 'mall-admin'];

/** SKM surveys, complaints (pengaduan), publication and follow-up (DESIGN.md §6). */
export const surveyRoutes: RouteSpec[] = [
  rpcRoute({ method: 'GET', url: '/surveys/:token', summary: 'The survey of a completed visit: the 9 SKM questions and their four choices', tag: 'survey', roles: PUBLIC, service: 'survey', rpc: m.getSurvey }),
  rpcRoute({ method: 'POST', url: '/surveys/:token/responses', summary: 'Answer the survey once: 9 answers (1–4), respondent profile, suggestion (citizens, on their phone or at a kiosk; never staff)', tag: 'survey', roles: ['citizen', 'kiosk'], service: 'survey', rpc: m.submitResponse, status: 201 }),
  rpcRoute({ method: 'POST', url: '/complaints', summary: 'File a complaint (pengaduan) about a service; its deadline starts now', tag: 'complaints', roles: PUBLIC, service: 'survey', rpc: m.submitComplaint, status: 201 }),
  rpcRoute({
    method: 'GET',
    url: '/complaints',
    summary: 'Complaints of a mall (an agency-admin sees its agency’s), by status, overdue ones only if asked',
    tag: 'complaints',
    roles: [...COMPLAINT_STAFF, 'auditor'],
    service: 'survey',
    rpc: m.listComplaints,
    query: {
      mallId: { field: 'mallId', schema: { type: 'string', maxLength: 128 } },
      agency: { field: 'agencyCode', schema: { type: 'string', maxLength: 64 } },
      status: { field: 'status', schema: { type: 'string', enum: enumWords(ComplaintStatusSchema) } },
      overdue: { field: 'overdueOnly', schema: { type: 'boolean' } },
    },
  }),
  rpcRoute({ method: 'GET', url: '/complaints/:complaintId', summary: 'A complaint with its history', tag: 'complaints', roles: [...COMPLAINT_STAFF, 'auditor'], service: 'survey', rpc: m.getComplaint }),
  rpcRoute({ method: 'POST', url: '/complaints/:complaintId/respond', summary: 'Answer a complaint', tag: 'complaints', roles: COMPLAINT_STAFF, service: 'survey', rpc: m.respondComplaint }),
  rpcRoute({ method: 'POST', url: '/complaints/:complaintId/resolve', summary: 'Close a complaint as resolved', tag: 'complaints', roles: COMPLAINT_STAFF, service: 'survey', rpc: m.resolveComplaint }),
  rpcRoute({ method: 'POST', url: '/complaints/:complaintId/forward', summary: 'Forward a complaint to whoever must handle it, with a reason', tag: 'complaints', roles: COMPLAINT_STAFF, service: 'survey', rpc: m.forwardComplaint }),
  rpcRoute({ method: 'GET', url: '/malls/:mallId/skm-actions', summary: 'Follow-up actions on SKM findings', tag: 'skm', roles: [...FOLLOW_UP, 'auditor'], service: 'survey', rpc: m.listFollowUps, query: { period: { field: 'period', schema: PERIOD } } }),
  rpcRoute({ method: 'POST', url: '/malls/:mallId/skm-actions', summary: 'Plan a follow-up action on a weak SKM element', tag: 'skm', roles: FOLLOW_UP, service: 'survey', rpc: m.planFollowUp, status: 201 }),
  rpcRoute({ method: 'POST', url: '/skm-actions/:actionId/status', summary: 'Move a follow-up action on (in progress, done) with a note', tag: 'skm', roles: FOLLOW_UP, service: 'survey', rpc: m.setFollowUpStatus }),
  rpcRoute({ method: 'POST', url: '/malls/:mallId/skm-results/:period/publish', summary: 'Publish a period’s SKM results (part of the evaluation)', tag: 'skm', roles: ['mall-admin'], service: 'survey', rpc: m.publishResults }),
  rpcRoute({ method: 'GET', url: '/malls/:mallId/skm-results', summary: 'Published SKM results of a mall (published periods only)', tag: 'skm', roles: PUBLIC, service: 'survey', rpc: m.getPublishedResults, query: { period: { field: 'period', schema: PERIOD } } }),
];
