import { DeliveryStatusSchema, ReportingService } from '@mpp/contracts';
import type { RoleName } from '../auth/roles.js';
import { enumWords } from '../http/proto-json.js';
import { rpcRoute, type RouteSpec } from './route.js';

const m = ReportingService.method;
const tag = 'webhooks';
const PARTNER: readonly RoleName[] = ['partner'];
const ID = { webhookId: 'id' };

/**
 * A partner agency's webhooks (DESIGN.md §6; docs/partners.md): its own only, checked again by
 * the reporting service from the verified actor.
 */
export const webhookRoutes: RouteSpec[] = [
  rpcRoute({ method: 'POST', url: '/webhooks', summary: 'Register a webhook for your agency’s events; the answer carries its signing secret, shown once', tag, roles: PARTNER, service: 'reporting', rpc: m.createWebhook, status: 201 }),
  rpcRoute({ method: 'GET', url: '/webhooks', summary: 'Your agency’s webhooks, with their state and pending deliveries', tag, roles: PARTNER, service: 'reporting', rpc: m.listWebhooks }),
  rpcRoute({ method: 'GET', url: '/webhooks/:webhookId', summary: 'One of your webhooks', tag, roles: PARTNER, service: 'reporting', rpc: m.getWebhook, paramFields: ID }),
  rpcRoute({ method: 'DELETE', url: '/webhooks/:webhookId', summary: 'Delete a webhook and its delivery log', tag, roles: PARTNER, service: 'reporting', rpc: m.deleteWebhook, paramFields: ID }),
  rpcRoute({ method: 'POST', url: '/webhooks/:webhookId/enable', summary: 'Enable a disabled webhook again: its queued deliveries go out', tag, roles: PARTNER, service: 'reporting', rpc: m.enableWebhook, paramFields: ID }),
  rpcRoute({ method: 'POST', url: '/webhooks/:webhookId/rotate-secret', summary: 'A new signing secret, shown once; the old one signs nothing more', tag, roles: PARTNER, service: 'reporting', rpc: m.rotateWebhookSecret, paramFields: ID }),
  rpcRoute({
    method: 'GET',
    url: '/webhooks/:webhookId/deliveries',
    summary: 'The delivery log, newest first: each event’s attempts, last HTTP status and error',
    tag,
    roles: PARTNER,
    service: 'reporting',
    rpc: m.listWebhookDeliveries,
    paramFields: ID,
    query: {
      status: { field: 'status', schema: { type: 'string', enum: enumWords(DeliveryStatusSchema) } },
      pageSize: { field: 'pageSize', schema: { type: 'integer', minimum: 1, maximum: 500 } },
      pageToken: { field: 'pageToken', schema: { type: 'string', maxLength: 200 } },
    },
  }),
];
