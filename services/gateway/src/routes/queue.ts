import { QueueService } from '@mpp/contracts';
import { AppError } from '@mpp/errors';
import type { RoleName } from '../auth/roles.js';
import { bodyOf, DATE, PUBLIC, requestOf, responseOf, restOf, rpcRoute, unary, type RouteSpec } from './route.js';

const m = QueueService.method;
const OFFICERS: readonly RoleName[] = ['officer', 'agency-admin'];
const ISSUERS: readonly RoleName[] = ['citizen', 'kiosk', 'officer', 'agency-admin', 'mall-admin'];

const officer = (url: string, summary: string, rpc: Parameters<typeof rpcRoute>[0]['rpc']) => rpcRoute({ method: 'POST', url, summary, tag: 'officer', roles: OFFICERS, service: 'queue', rpc });

const ticketBody = bodyOf(m.issueTicket.input, ['mallId']);
(ticketBody.properties as Record<string, object>).bookingId = { type: 'string', maxLength: 128, description: 'check in a booking instead: the ticket comes from the booking' };

/**
 * The ticket's status page for the QR code: the web UI's page (`/ticket/<id>`), as a full URL
 * when `GATEWAY_PUBLIC_URL` is set (a path otherwise; the kiosk adds its own origin).
 */
function withStatusUrl(json: Record<string, unknown>, publicUrl: string): Record<string, unknown> {
  const id = ((json.view as { ticket?: { id?: string } } | undefined)?.ticket?.id ?? '');
  return { ...json, statusUrl: id ? `${publicUrl}/ticket/${encodeURIComponent(id)}` : '' };
}

const ticketResponse = { ...responseOf(m.issueTicket.output), properties: { ...(responseOf(m.issueTicket.output).properties as object), statusUrl: { type: 'string', description: 'the web page of the ticket’s status, for a QR code (a full URL when GATEWAY_PUBLIC_URL is set, else a path)' } } };

/** Tickets, counters (loket), bookings and applications (DESIGN.md §6). */
export const queueRoutes: RouteSpec[] = [
  {
    method: 'POST',
    url: '/malls/:mallId/tickets',
    summary: 'Take a ticket (kiosk, online, walk-in at a counter, mobile unit), or check in a booking with `bookingId`',
    tag: 'tickets',
    roles: ISSUERS,
    status: 201,
    body: ticketBody,
    response: ticketResponse,
    async handler(ctx) {
      const body = { ...(ctx.body as Record<string, never>) } as Record<string, unknown>;
      const bookingId = body.bookingId as string | undefined;
      delete body.bookingId;
      if (bookingId !== undefined) {
        // A booking is checked in at its own mall only: the path's mall is what the caller was authorised for.
        const { booking } = await unary(ctx.clients.queue, m.getBooking, { bookingId }, ctx.call);
        if (!booking || booking.mallId !== ctx.params.mallId) throw new AppError('not_found', `no booking ${bookingId} in mall ${ctx.params.mallId}`, { violations: [{ field: 'bookingId', reason: 'not a booking of this mall' }] });
        const res = await unary(ctx.clients.queue, m.checkIn, requestOf(m.checkIn.input, { bookingId, ...(body.notifyPhone ? { notifyPhone: body.notifyPhone as string } : {}) }), ctx.call);
        if (res.view?.statusPath) ctx.reply.header('location', res.view.statusPath);
        return withStatusUrl(restOf(m.checkIn.output, res), ctx.publicUrl);
      }
      const res = await unary(ctx.clients.queue, m.issueTicket, requestOf(m.issueTicket.input, body as never, { mallId: ctx.params.mallId! }), ctx.call);
      if (res.view?.statusPath) ctx.reply.header('location', res.view.statusPath);
      return withStatusUrl(restOf(m.issueTicket.output, res), ctx.publicUrl);
    },
  },
  rpcRoute({ method: 'GET', url: '/tickets/:ticketId', summary: 'A ticket by its unguessable id: state, position, counter when called, survey link once completed, application tracking', tag: 'tickets', roles: PUBLIC, service: 'queue', rpc: m.getTicket }),
  rpcRoute({ method: 'POST', url: '/tickets/:ticketId/cancel', summary: 'Cancel a waiting ticket (whoever holds its id)', tag: 'tickets', roles: PUBLIC, service: 'queue', rpc: m.cancelTicket }),
  rpcRoute({ method: 'GET', url: '/counters/:counterId', summary: 'A counter: open or not, its queues, its current ticket', tag: 'officer', roles: ['officer', 'agency-admin', 'mall-admin', 'auditor'], service: 'queue', rpc: m.getCounter }),
  rpcRoute({ method: 'GET', url: '/counters/:counterId/waiting', summary: 'The tickets waiting today for the services a counter is open for, in line order (to call one out of turn)', tag: 'officer', roles: ['officer', 'agency-admin', 'mall-admin', 'auditor'], service: 'queue', rpc: m.listWaiting }),
  rpcRoute({ method: 'POST', url: '/counters/:counterId/open', summary: 'Open a counter for chosen services or queues', tag: 'officer', roles: OFFICERS, service: 'queue', rpc: m.openCounter }),
  officer('/counters/:counterId/pause', 'Pause a counter (break)', m.pauseCounter),
  officer('/counters/:counterId/close', 'Close a counter', m.closeCounter),
  officer('/counters/:counterId/call-next', 'Call the next ticket by the mall’s policy (the reason is recorded)', m.callNext),
  rpcRoute({ method: 'POST', url: '/counters/:counterId/call', summary: 'Call a chosen ticket out of order, with a reason', tag: 'officer', roles: OFFICERS, service: 'queue', rpc: m.callTicket }),
  officer('/tickets/:ticketId/recall', 'Call a ticket again', m.recallTicket),
  officer('/tickets/:ticketId/start', 'Start serving a called ticket', m.startServing),
  rpcRoute({ method: 'POST', url: '/tickets/:ticketId/complete', summary: 'Complete a ticket with its outcome and the services delivered; opens an application for multi-day services', tag: 'officer', roles: OFFICERS, service: 'queue', rpc: m.completeTicket }),
  officer('/tickets/:ticketId/no-show', 'Mark a called ticket as not shown', m.markNoShow),
  rpcRoute({ method: 'POST', url: '/tickets/:ticketId/transfer', summary: 'Send a ticket to another service’s queue', tag: 'officer', roles: OFFICERS, service: 'queue', rpc: m.transferTicket }),
  rpcRoute({ method: 'POST', url: '/queues/:queueId/days/:date/close', summary: 'End a queue’s day by hand (waiting tickets expire)', tag: 'officer', roles: ['mall-admin'], service: 'queue', rpc: m.closeQueueDay }),
  rpcRoute({ method: 'GET', url: '/malls/:mallId/audit', summary: 'Replay a day’s calls against the policy (auditor)', tag: 'reports', roles: ['auditor', 'mall-admin'], service: 'queue', rpc: m.auditDay, query: { date: { field: 'date', schema: DATE } } }),
  rpcRoute({ method: 'GET', url: '/applications/:trackingCode', summary: 'Track a multi-day application by its tracking code', tag: 'applications', roles: PUBLIC, service: 'queue', rpc: m.getApplication }),
  rpcRoute({ method: 'POST', url: '/applications/:applicationId/status', summary: 'Move an application on (in process, ready, collected, rejected) with a note', tag: 'applications', roles: OFFICERS, service: 'queue', rpc: m.setApplicationStatus }),
  rpcRoute({
    method: 'GET',
    url: '/malls/:mallId/applications',
    summary: 'Open applications of a mall or agency, overdue ones only if asked',
    tag: 'applications',
    roles: ['officer', 'agency-admin', 'mall-admin', 'auditor'],
    service: 'queue',
    rpc: m.listApplications,
    query: { agency: { field: 'agencyCode', schema: { type: 'string', maxLength: 64 } }, overdue: { field: 'overdueOnly', schema: { type: 'boolean' } } },
  }),
  rpcRoute({ method: 'GET', url: '/malls/:mallId/services/:serviceId/slots', summary: 'Bookable slots of a service on a day', tag: 'bookings', roles: PUBLIC, service: 'queue', rpc: m.listSlots, query: { date: { field: 'date', schema: DATE } } }),
  rpcRoute({ method: 'POST', url: '/bookings', summary: 'Book a slot (phone or device id names who booked; a per-day limit applies)', tag: 'bookings', roles: ['citizen', 'kiosk', 'officer', 'agency-admin', 'mall-admin'], service: 'queue', rpc: m.book, status: 201 }),
  rpcRoute({ method: 'GET', url: '/bookings/:bookingId', summary: 'A booking by its id', tag: 'bookings', roles: PUBLIC, service: 'queue', rpc: m.getBooking }),
  rpcRoute({ method: 'POST', url: '/bookings/:bookingId/check-in', summary: 'Check in a booking at the mall: its ticket', tag: 'bookings', roles: ['citizen', 'kiosk', 'officer', 'agency-admin', 'mall-admin'], service: 'queue', rpc: m.checkIn }),
  rpcRoute({ method: 'POST', url: '/bookings/:bookingId/cancel', summary: 'Cancel a booking', tag: 'bookings', roles: PUBLIC, service: 'queue', rpc: m.cancelBooking }),
];
